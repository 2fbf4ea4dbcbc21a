// What the coordinator sees and answers: menus added by onOpen, alerts and prompts (answered from a
// script that the test sets), sidebars and dialogs opened.

export interface DialogRequest {
  readonly kind: 'alert' | 'prompt';
  readonly title: string;
  readonly message: string;
  readonly buttons: string;
}

export interface Shown {
  readonly kind: 'sidebar' | 'modal' | 'modeless';
  readonly title: string;
  readonly html: string;
}

export interface MenuItem {
  readonly caption: string;
  readonly functionName: string;
}

type Answer = { button: string; text?: string };

export class UiModel {
  readonly menus = new Map<string, MenuItem[]>();
  readonly dialogs: (DialogRequest & { answer: string })[] = [];
  readonly shown: Shown[] = [];
  private readonly answers: Answer[] = [];

  /** Queues the coordinator's next answer to an alert or a prompt. */
  answer(button: string, text = ''): void {
    this.answers.push({ button, text });
  }

  addMenu(caption: string, items: MenuItem[]): void {
    this.menus.set(caption, items);
  }

  dialog(request: DialogRequest): string {
    // Without a scripted answer, the coordinator closes the dialog.
    const answer = this.answers.shift() ?? { button: 'CLOSE' };
    this.dialogs.push({ ...request, answer: answer.button });
    return answer.button;
  }

  promptAnswer(request: DialogRequest): { button: string; text: string } {
    const answer = this.answers.shift() ?? { button: 'CLOSE', text: '' };
    this.dialogs.push({ ...request, answer: answer.button });
    return { button: answer.button, text: answer.text ?? '' };
  }

  show(kind: Shown['kind'], title: string, html: string): void {
    this.shown.push({ kind, title, html });
  }

  lastDialog(): (DialogRequest & { answer: string }) | undefined {
    return this.dialogs[this.dialogs.length - 1];
  }
}
