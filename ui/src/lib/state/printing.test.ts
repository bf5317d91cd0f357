import { describe, expect, it } from 'vitest';
import type { PrintReport } from '$lib/api/bindings';
import { onPrintReport, reportText } from './printing.svelte';
import { toast } from './toast.svelte';

const job = { job_id: 7, number: 'TF-000012', kind: 'invoice' as const, printer: 'Front desk', attempt: 1 };

describe('print reports', () => {
	it('says what printed where, or why not', () => {
		const ok: PrintReport = { job, ok: true, message: 'Front_desk-42', retryable: false };
		expect(reportText(ok)).toBe('Invoice TF-000012 printed on Front desk');
		const failed: PrintReport = { job, ok: false, message: 'out of paper', retryable: true };
		expect(reportText(failed)).toBe('Invoice TF-000012 not printed on Front desk: out of paper');
	});

	it('keeps a failure on screen with a Retry button', () => {
		toast.items = [];
		onPrintReport({ job, ok: false, message: 'out of paper', retryable: true });
		expect(toast.items).toHaveLength(1);
		expect(toast.items[0].kind).toBe('error');
		expect(toast.items[0].action?.label).toBe('Retry');
		onPrintReport({ job: { ...job, kind: 'receipt' }, ok: true, message: 'ok', retryable: false });
		expect(toast.items[1].kind).toBe('success');
		expect(toast.items[1].action).toBeUndefined();
	});
});
