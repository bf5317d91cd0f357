import { describe, expect, it } from 'vitest';
import { eventText } from './events';

const at = '2026-12-02T10:00:00Z';

describe('eventText', () => {
	it('names the changed fields', () => {
		expect(
			eventText({ at, actor: 'counter', kind: 'edited', detail: { address: { from: null, to: '1 Rue' }, email: {} } })
		).toBe('Changed address, e-mail');
	});
	it('says consent and merges', () => {
		expect(eventText({ at, actor: 'a', kind: 'consent', detail: { given: true } })).toBe('Agreed to marketing messages');
		expect(eventText({ at, actor: 'a', kind: 'consent', detail: { given: false } })).toBe('Withdrew marketing consent');
		expect(
			eventText({ at, actor: 'a', kind: 'merged', detail: { duplicate: { name: 'Ada' }, orders: 2, credit: '5.00' } })
		).toBe('Merged duplicate “Ada” (2 orders moved, credit 5.00)');
	});
});
