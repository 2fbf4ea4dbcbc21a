// Typing help: an emulated class lists which methods of Google's type it implements; their names and
// parameters are checked against @types/google-apps-script, their returns are the emulator's own.

export type Mirror<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : T[P];
};
