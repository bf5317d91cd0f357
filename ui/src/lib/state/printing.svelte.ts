// Printing and "Save as PDF" from any screen. Print commands only queue the
// job; the shell reports each finished job as a PRINT_EVENT, shown here as a
// toast — a failure stays on screen with a Retry button.

import { api, errorText } from '$lib/api/client';
import { PRINT_EVENT, type DocumentKind, type PrintReport } from '$lib/api/bindings';
import { toast } from '$lib/state/toast.svelte';

export const documentLabels: Record<DocumentKind, string> = {
	invoice: 'Invoice',
	packing_slip: 'Packing slip',
	receipt: 'Receipt',
	ticket: 'Job ticket',
	tags: 'Tags',
	credit_note: 'Credit note',
	z_report: 'Z report'
};

/** Queues a document for its configured printer. */
export async function printDocument(number: string, kind: DocumentKind, split = false) {
	try {
		const jobs = await api.call('print_document', { number, kind, split_by_delivery: split });
		const where = [...new Set(jobs.map((j) => j.printer))].join(', ');
		toast.show('info', `${documentLabels[kind]} ${number} sent to ${where}`);
	} catch (e) {
		toast.error(`${documentLabels[kind]} ${number} not printed: ${errorText(e)}`);
	}
}

/** Saves a document as PDF in the user's Downloads folder; returns the files. */
export async function saveDocument(number: string, kind: DocumentKind, split = false): Promise<string[]> {
	try {
		const saved = await api.call('save_document_pdf', { number, kind, split_by_delivery: split });
		toast.show('success', `Saved ${saved.files.join(', ')}`, 8000);
		return saved.files;
	} catch (e) {
		toast.error(`${documentLabels[kind]} ${number} not saved: ${errorText(e)}`);
		return [];
	}
}

/** What a finished print job tells the cashier. */
export function reportText(r: PrintReport): string {
	const what = `${documentLabels[r.job.kind]} ${r.job.number}`;
	return r.ok ? `${what} printed on ${r.job.printer}` : `${what} not printed on ${r.job.printer}: ${r.message}`;
}

function retry(jobId: number) {
	api.call('print_retry', { job_id: jobId }).then(
		(j) => toast.show('info', `Retrying ${documentLabels[j.kind]} ${j.number} (attempt ${j.attempt})`),
		(e) => toast.error(errorText(e))
	);
}

export function onPrintReport(r: PrintReport) {
	if (r.ok) {
		toast.success(reportText(r));
	} else {
		toast.show('error', reportText(r), 20000, r.retryable ? { label: 'Retry', run: () => retry(r.job.job_id) } : undefined);
	}
}

/** Listens to print reports for the life of the app; returns the unlisten function. */
export async function listenPrintReports(): Promise<() => void> {
	const { listen } = await import('@tauri-apps/api/event');
	return listen<PrintReport>(PRINT_EVENT, (e) => onPrintReport(e.payload));
}
