/** Why an input is not a readable report. Codes are stable; messages are for people. */
export type UnreadableCode =
  | 'input.empty'
  | 'input.tooLarge'
  | 'input.binary'
  | 'input.notReport'
  | 'input.imagesOnly'
  | 'input.brokenPdf'
  | 'input.brokenDocx'
  | 'input.brokenDoc'
  | 'input.garbledText';

export class UnreadableInputError extends Error {
  constructor(
    readonly code: UnreadableCode,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableInputError';
  }
}
