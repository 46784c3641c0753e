import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../electron/host/paths';
import { resolveStaticPath } from '../../../electron/host/static';

describe('defaultDataDir matches Electron userData for "Dossier"', () => {
  it('uses XDG_CONFIG_HOME on Linux, else ~/.config', () => {
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/a')).toBe('/x/cfg/Dossier');
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/Dossier');
    // A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored.
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'rel' }, '/home/a')).toBe('/home/a/.config/Dossier');
  });
  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/Dossier');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\Dossier');
  });
});

describe('resolveStaticPath', () => {
  it('maps / and folders to index.html and keeps paths inside the root', () => {
    expect(resolveStaticPath('/srv/r', '/')).toBe('/srv/r/index.html');
    expect(resolveStaticPath('/srv/r', '/assets/')).toBe('/srv/r/assets/index.html');
    expect(resolveStaticPath('/srv/r', '/assets/a%20b.js')).toBe('/srv/r/assets/a b.js');
  });
  it('refuses traversal, dotfiles, backslashes, NUL and bad encoding', () => {
    for (const p of ['/../x', '/a/../../x', '/%2e%2e/x', '/.env', '/a/.git/config', '/a\\..\\x', '/a%5c..%5cx', '/%00', '/%zz', 'relative']) {
      expect(resolveStaticPath('/srv/r', p), p).toBeNull();
    }
  });
});
