/** FormField renders an accessible, labelled input that marks itself invalid when the server says so. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import FormField from './FormField.svelte';

describe('FormField', () => {
	it('ties the label and the description to the input', () => {
		const { body } = render(FormField, {
			props: { label: 'E-mailadres', name: 'email', type: 'email', description: 'Uw werkadres' }
		});
		expect(body).toContain('<label class="utrecht-form-label" for="veld-email">E-mailadres</label>');
		expect(body).toMatch(/<input[^>]*id="veld-email"[^>]*aria-describedby="veld-email-uitleg"/);
		expect(body).toContain('id="veld-email-uitleg"');
		expect(body).not.toContain('aria-invalid');
	});

	it('marks the field invalid for assistive technology and for the eye', () => {
		const { body } = render(FormField, {
			props: { label: 'Wachtwoord', name: 'password', type: 'password', invalid: true }
		});
		expect(body).toContain('aria-invalid="true"');
		expect(body).toContain('utrecht-form-field--invalid');
		expect(body).toContain('utrecht-textbox--invalid');
	});
});
