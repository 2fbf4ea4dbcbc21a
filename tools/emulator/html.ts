// HtmlService: pages and templates read from the built dist/ folder, with Apps Script's scriptlets
// (<?= escaped ?>, <?!= raw ?>, <? code ?>) evaluated against the template's fields.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Emulated, SERVICE } from './instrument';
import type { Mirror } from './mirror';

abstract class HtmlObject extends Emulated {
  readonly [SERVICE] = 'HtmlService';
}

/** Google's escaping of printing scriptlets (<?= ?>), modelled on its own: not the project's helper. */
function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class EmulatedHtmlService
  extends HtmlObject
  implements
    Mirror<
      GoogleAppsScript.HTML.HtmlService,
      'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplateFromFile' | 'createTemplate'
    >
{
  readonly className = 'HtmlService';
  readonly SandboxMode = { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' } as const;
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

  constructor(
    private readonly htmlDir: string,
    private readonly scope: () => Record<string, unknown>,
  ) {
    super();
  }

  private read(filename: string): string {
    const file = path.join(
      this.htmlDir,
      filename.endsWith('.html') ? filename : `${filename}.html`,
    );
    if (!fs.existsSync(file)) throw new Error(`No HTML file named ${filename} was found.`);
    return fs.readFileSync(file, 'utf8');
  }

  createHtmlOutput(html?: string): EmulatedHtmlOutput {
    return new EmulatedHtmlOutput(html ?? '');
  }

  createHtmlOutputFromFile(filename: string): EmulatedHtmlOutput {
    return new EmulatedHtmlOutput(this.read(filename));
  }

  createTemplateFromFile(filename: string): EmulatedHtmlTemplate {
    return new EmulatedHtmlTemplate(this.read(filename), this.scope);
  }

  createTemplate(html: string): EmulatedHtmlTemplate {
    return new EmulatedHtmlTemplate(html, this.scope);
  }
}

export class EmulatedHtmlTemplate
  extends HtmlObject
  implements Mirror<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getRawContent'>
{
  readonly className = 'HtmlTemplate';
  [field: string]: unknown;

  constructor(
    private readonly source: string,
    private readonly scope: () => Record<string, unknown>,
  ) {
    super();
  }

  getRawContent(): string {
    return this.source;
  }

  evaluate(): EmulatedHtmlOutput {
    const parts = this.source.split(/(<\?!?=?[\s\S]*?\?>)/);
    let code = 'let __out = "";\n';
    for (const part of parts) {
      if (part.startsWith('<?!=')) code += `__out += String(${part.slice(4, -2)});\n`;
      else if (part.startsWith('<?=')) code += `__out += __escape(String(${part.slice(3, -2)}));\n`;
      else if (part.startsWith('<?')) code += `${part.slice(2, -2)}\n`;
      else code += `__out += ${JSON.stringify(part)};\n`;
    }
    code += 'return __out;';
    const fields: Record<string, unknown> = { ...this.scope() };
    for (const key of Object.keys(this)) {
      if (key !== 'source' && key !== 'scope' && key !== 'className') fields[key] = this[key];
    }
    const render = new Function('__scope', '__escape', `with (__scope) {\n${code}\n}`);
    return new EmulatedHtmlOutput(String(render(fields, escapeHtml)));
  }
}

export class EmulatedHtmlOutput
  extends HtmlObject
  implements
    Mirror<
      GoogleAppsScript.HTML.HtmlOutput,
      | 'getContent'
      | 'setContent'
      | 'append'
      | 'setTitle'
      | 'getTitle'
      | 'setWidth'
      | 'getWidth'
      | 'setHeight'
      | 'getHeight'
      | 'setSandboxMode'
      | 'setXFrameOptionsMode'
      | 'addMetaTag'
    >
{
  readonly className = 'HtmlOutput';
  private title = '';
  private width = 300;
  private height = 500;

  constructor(private content: string) {
    super();
  }

  getContent(): string {
    return this.content;
  }

  setContent(content: string): EmulatedHtmlOutput {
    this.content = content;
    return this;
  }

  append(addedContent: string): EmulatedHtmlOutput {
    this.content += addedContent;
    return this;
  }

  setTitle(title: string): EmulatedHtmlOutput {
    this.title = title;
    return this;
  }

  getTitle(): string {
    return this.title;
  }

  setWidth(width: number): EmulatedHtmlOutput {
    this.width = width;
    return this;
  }

  getWidth(): number {
    return this.width;
  }

  setHeight(height: number): EmulatedHtmlOutput {
    this.height = height;
    return this;
  }

  getHeight(): number {
    return this.height;
  }

  setSandboxMode(): EmulatedHtmlOutput {
    return this;
  }

  setXFrameOptionsMode(): EmulatedHtmlOutput {
    return this;
  }

  addMetaTag(): EmulatedHtmlOutput {
    return this;
  }
}
