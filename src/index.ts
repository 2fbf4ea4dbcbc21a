// The only entry of the bundle: exposes the functions Apps Script calls (menus, triggers,
// google.script.run) as globals. gas-webpack-plugin turns each assignment into a top-level function.

import { getHelpContent, initializeWorkbookFromMenu, showHelp } from './ui/handlers';
import { onOpen } from './ui/menu';

declare const global: Record<string, unknown>;

global.onOpen = onOpen;
global.initializeWorkbookFromMenu = initializeWorkbookFromMenu;
global.showHelp = showHelp;
global.getHelpContent = getHelpContent;
