/**
 * The onEdit simple trigger of the built Code.js, in a bare vm with only the emulated services:
 * Apps Script finds it by name (https://developers.google.com/apps-script/guides/triggers), so
 * it must be a top-level function of the bundle, and a person's edit must reach it.
 */
import { createEmulator } from '../emulator';
import { loadBundle, namesDefinedBy, requireBuilt } from '../support/bundle';
import { MARK_BACKGROUND } from '../../src/workbook/port';
import { pieceRows, seedWorkshop } from '../apps-script/support';

beforeAll(requireBuilt);

describe('onEdit from the built bundle', () => {
  it('is a top-level function, and marks a bad value as it is typed', () => {
    const emulator = createEmulator({ locale: 'zh_CN' });
    const context = loadBundle(emulator);
    expect(namesDefinedBy(context)).toContain('onEdit');
    seedWorkshop(emulator, pieceRows(5));
    emulator.simpleTriggers({ onEdit: (e) => context.onEdit(e) });
    emulator.userEdit('计件', 'D3', 'ten');
    emulator.userEdit('计件', 'D4', '３０');
    expect(emulator.triggerErrors).toEqual([]);
    expect(emulator.cell('计件', 'D3').background).toBe(MARK_BACKGROUND);
    expect(emulator.cell('计件', 'D4').value).toBe(30);
  });
});
