import { describe, expect, it } from 'vitest';
import type { Wizard } from '$lib/api/bindings';
import { draftOf, wizardOf } from './wizardDraft';

const laundry: Wizard = {
	key: 'laundry',
	name: 'Laundry drop-off',
	steps: [{ title: 'Items', fields: [{ key: 'due_date', label: 'Ready by', kind: 'date', required: true }] }],
	update_fields: [{ key: 'due_date', label: 'Ready by', kind: 'date', required: true }]
};

describe('wizard draft', () => {
	it('saves the update wizard it opened with (issue 13: it used to drop update_fields)', () => {
		const draft = draftOf(laundry);
		draft.name = 'Laundry';
		expect(wizardOf(draft, 'laundry')).toEqual({ ...laundry, name: 'Laundry' });
	});
	it('saves update fields added or changed, without the editor’s own marks', () => {
		const draft = draftOf(laundry);
		draft.update_fields.push({ key: 'notes', label: 'Notes', kind: 'long_text', required: false, auto_key: true } as never);
		draft.update_fields[0].required = false;
		const saved = wizardOf(draft, 'laundry');
		expect(saved.update_fields).toEqual([
			{ key: 'due_date', label: 'Ready by', kind: 'date', required: false },
			{ key: 'notes', label: 'Notes', kind: 'long_text', required: false }
		]);
		expect(laundry.update_fields?.[0].required).toBe(true);
	});
	it('leaves update_fields out when there are none', () => {
		const draft = draftOf({ ...laundry, update_fields: undefined });
		expect('update_fields' in wizardOf(draft, 'laundry')).toBe(false);
	});
});
