// The wizard editor's draft: a saved wizard opened for editing and turned
// back into the wizard the core saves — its intake steps and its update
// wizard (`update_fields`, asked when an order is edited) alike.
import type { Field, Wizard, WizardStep } from '$lib/api/bindings';

/** A field being edited: its key follows its label until the key is typed. */
export type EditedField = Field & { auto_key?: boolean };

export type WizardDraft = { original: string | null; name: string; steps: WizardStep[]; update_fields: Field[] };

export function draftOf(w: Wizard): WizardDraft {
	return {
		original: w.key,
		name: w.name,
		steps: structuredClone(w.steps),
		update_fields: structuredClone(w.update_fields ?? [])
	};
}

function plain(f: EditedField): Field {
	const { auto_key: _, ...field } = f;
	return field;
}

/** The wizard to save, keyed `key` (the draft's own for a saved wizard). */
export function wizardOf(draft: WizardDraft, key: string): Wizard {
	const steps = draft.steps.map((s) => ({ ...s, fields: s.fields.map(plain) }));
	const wizard: Wizard = { key, name: draft.name.trim(), steps };
	if (draft.update_fields.length) wizard.update_fields = draft.update_fields.map(plain);
	return wizard;
}
