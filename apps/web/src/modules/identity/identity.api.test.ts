import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './identity.api';

describe('safeReturnPath', () => {
  it('keeps a path inside the app', () => {
    expect(safeReturnPath('/profile?x=1')).toBe('/profile?x=1');
  });
  it('refuses other origins and the sign-in pages themselves', () => {
    expect(safeReturnPath('//evil.example/')).toBeNull();
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('/login')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
  });
});
