// The settings form: the server's validation message is shown at the field its path names, and
// only filled-in fields are sent.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { SessionProvider } from '../session';
import { closestPath, defaultAmiName, prune, SettingsForm } from './SettingsForm';
import { parameterPath } from '../api';

function fakeClient(send: (cmd: { input: unknown }) => Promise<unknown>) {
  return () => ({ send }) as unknown as ImagebuilderClient;
}

describe('SettingsForm', () => {
  it('shows a validation error under the field the message names', async () => {
    const message =
      "The value supplied for parameter 'distributions[0].amiDistributionConfiguration.targetAccountIds[0]' is not valid. 'targetAccountIds[0]' must match pattern ^[0-9]{12}$";
    const send = vi.fn(async () => {
      throw Object.assign(new Error(message), { name: 'InvalidParameterValueException' });
    });
    render(
      <SessionProvider client={fakeClient(send)}>
        <SettingsForm />
      </SessionProvider>,
    );
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'web' } });
    fireEvent.change(screen.getByLabelText('Target accounts (copies)'), { target: { value: '12345' } });
    fireEvent.keyDown(screen.getByLabelText('Target accounts (copies)'), { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Create settings' }));
    // Plain words next to the field; the service's message kept in a detail.
    const alert = await screen.findByText('An account id is exactly 12 digits, for example 111122223333.');
    expect(alert.closest('[role="alert"]')?.querySelector('details code')?.textContent).toBe(`InvalidParameterValueException: ${message}`);
    // The list field has no per-item input, so the message lands on the list.
    expect(alert.closest('[data-path]')?.getAttribute('data-path')).toBe('distributions[0].amiDistributionConfiguration.targetAccountIds');
    expect(screen.getByLabelText('Target accounts (copies)').getAttribute('aria-invalid')).toBe('true');
    const input = (send.mock.calls[0] as unknown as [{ input: Record<string, unknown> }])[0].input;
    expect(input.name).toBe('web');
    expect(input.distributions).toEqual([
      { region: 'us-east-1', amiDistributionConfiguration: { name: 'web-{{ imagebuilder:buildDate }}', targetAccountIds: ['12345'] } },
    ]);
  });

  // Regression (#18, #20): a Region added in the form was pre-filled with a bare
  // '{{ imagebuilder:buildDate }}', so its AMIs were named only by a date.
  it("pre-fills each Region's AMI name with the settings name and the build date, keeping edited names", async () => {
    const send = vi.fn(async () => ({}));
    render(
      <SessionProvider client={fakeClient(send)}>
        <SettingsForm />
      </SessionProvider>,
    );
    const amiName = (i: number) => (document.getElementById(`distributions[${i}].amiDistributionConfiguration.name`) as HTMLInputElement).value;
    expect(amiName(0)).toBe('image-{{ imagebuilder:buildDate }}');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'web' } });
    expect(amiName(0)).toBe('web-{{ imagebuilder:buildDate }}');
    fireEvent.click(screen.getByRole('button', { name: 'Add Region' }));
    expect(amiName(1)).toBe('web-{{ imagebuilder:buildDate }}');
    fireEvent.change(document.getElementById('distributions[1].amiDistributionConfiguration.name')!, {
      target: { value: 'edge {{ imagebuilder:buildDate }}' },
    });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'web2' } });
    expect(amiName(0)).toBe('web2-{{ imagebuilder:buildDate }}');
    expect(amiName(1)).toBe('edge {{ imagebuilder:buildDate }}');
    expect(defaultAmiName('x'.repeat(128))).toHaveLength(127);
    expect(defaultAmiName('   ')).toBe('image-{{ imagebuilder:buildDate }}');
  });

  it('shows a non-field error at the top', async () => {
    const send = vi.fn(async () => {
      throw Object.assign(new Error("The following resource 'DistributionConfiguration' already exists"), { name: 'ResourceAlreadyExistsException' });
    });
    render(
      <SessionProvider client={fakeClient(send)}>
        <SettingsForm />
      </SessionProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create settings' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe("ResourceAlreadyExistsException: The following resource 'DistributionConfiguration' already exists"),
    );
  });

  it('parses parameter paths and finds the closest field', () => {
    expect(parameterPath("The value supplied for parameter 'distributions[1].region' is not valid. x")).toBe('distributions[1].region');
    expect(parameterPath('Something else')).toBeUndefined();
    const have = new Set(['distributions[0].amiDistributionConfiguration.launchPermission.userIds']);
    expect(closestPath('distributions[0].amiDistributionConfiguration.launchPermission.userIds[3]', (p) => have.has(p))).toBe(
      'distributions[0].amiDistributionConfiguration.launchPermission.userIds',
    );
    expect(closestPath('nothing.here', (p) => have.has(p))).toBeUndefined();
    expect(prune({ a: '', b: [], c: { d: undefined }, e: 'x', f: [{ g: '' }], h: false })).toEqual({ e: 'x', h: false });
  });
});
