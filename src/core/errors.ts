// The one error type the coordinator sees: its message is French and says what to do (which sheet,
// row and column). Menus show it in a dialog, pages in their status area, the command line on
// stderr, the trigger log as is. Its name is empty, so that wherever it is turned into text only
// the French message shows, never an internal type name.

export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = '';
  }
}
