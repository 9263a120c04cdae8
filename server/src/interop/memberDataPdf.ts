import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';
import type { MemberData } from '@concerto/shared';
import { memberDataDocument, type DocumentBlock } from '../presenters/memberDataDocument.ts';
import { directionalRuns, hasRightToLeft, type DirectionalRun } from './bidiRuns.ts';
import type { MemberDataLabels } from './memberDataLabels.ts';

// DejaVu Sans covers Latin with every French and Turkish letter, and Arabic (fontkit shapes each run).
const require = createRequire(import.meta.url);
const regularFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const boldFont = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const styles = { title: ['bold', 18], heading: ['bold', 13], line: ['regular', 10.5] } as const;
const paragraphGap = 2;

type Document = InstanceType<typeof PDFDocument>;

/** Words that fit the width, line by line (a word longer than a line stands alone on its own). */
function wrap(text: string, width: number, widthOf: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const current = lines.at(-1);
    const longer = current === undefined ? word : `${current} ${word}`;
    if (current !== undefined && widthOf(longer) <= width) lines[lines.length - 1] = longer;
    else lines.push(word);
  }
  return lines;
}

/**
 * Draws one run in the span that starts at `x`: a left-to-right run as it is; a right-to-left one word by
 * word from the span's right end, as the font shapes and orders each word but lays words out left to right.
 */
function drawRun(document: Document, run: DirectionalRun, x: number, y: number): void {
  if (!run.rightToLeft) {
    document.text(run.text, x, y, { lineBreak: false });
    return;
  }
  let right = x + document.widthOfString(run.text);
  for (const word of run.text.split(' ')) {
    const width = document.widthOfString(word);
    if (word) document.text(word, right - width, y, { lineBreak: false });
    right -= width + document.widthOfString(' ');
  }
}

/**
 * Writes a paragraph holding right-to-left letters, or in a right-to-left document: each line is split into
 * runs of one direction, placed from the right (or the left) in reading order.
 */
function writeBidi(document: Document, text: string, rightToLeft: boolean): void {
  const left = document.page.margins.left;
  const width = document.page.width - left - document.page.margins.right;
  const widthOf = (piece: string) =>
    directionalRuns(piece, rightToLeft).reduce((sum, run) => sum + document.widthOfString(run.text), 0);
  for (const line of wrap(text, width, widthOf)) {
    const height = document.currentLineHeight(true);
    if (document.y + height > document.page.maxY()) document.addPage();
    const y = document.y;
    let x = rightToLeft ? left + width : left;
    for (const run of directionalRuns(line, rightToLeft)) {
      const runWidth = document.widthOfString(run.text);
      if (rightToLeft) x -= runWidth;
      drawRun(document, run, x, y);
      if (!rightToLeft) x += runWidth;
    }
    document.x = left;
    document.y = y + height;
  }
  document.y += paragraphGap;
}

function writeBlock(document: Document, block: DocumentBlock, rightToLeft: boolean): void {
  if (block.kind === 'heading') document.moveDown(0.8);
  const [font, size] = styles[block.kind];
  document.font(font).fontSize(size);
  if (rightToLeft || hasRightToLeft(block.text)) writeBidi(document, block.text, rightToLeft);
  else document.text(block.text, { paragraphGap });
  if (block.kind === 'heading') document.moveDown(0.2);
}

/**
 * The member's data as a readable PDF in her language (`labels`), from the same filtered record as the JSON
 * download (nothing is read here). The document names its language, for screen readers.
 */
export async function renderMemberDataPdf(data: MemberData, labels: MemberDataLabels): Promise<Buffer> {
  // pdfkit and its font engine weigh about 7 MB of heap: loaded by the first download, not at start-up.
  const { default: PdfDocument } = await import('pdfkit');
  const document = new PdfDocument({
    size: 'A4',
    margin: 50,
    lang: labels.locale,
    info: { Title: labels.documentTitle },
  });
  document.registerFont('regular', regularFont);
  document.registerFont('bold', boldFont);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  for (const block of memberDataDocument(data, labels)) writeBlock(document, block, labels.rightToLeft);
  document.end();
  return await done;
}
