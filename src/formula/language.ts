/** What a formula may say (the functions it may call), and the error a formula that cannot be used raises. */

/** The functions a formula may call (`pow` takes two arguments, the others one; `sum`, over the coordinates, in d-dimensional formulas only). */
export const FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'sech', 'sec', 'sign', 'pow', 'sum'] as const;

/** A formula that cannot be used: `field` names it (`loss`, `gradient`), `column` is 1-based (0: no single place). */
export class FormulaError extends SyntaxError {
  /** Which formula: `loss` or `gradient`. */
  readonly field: string;
  /** The formula text. */
  readonly formula: string;
  /** 1-based column of the problem (0 when it has no single place). */
  readonly column: number;

  constructor(field: string, formula: string, problem: string, column: number) {
    const where = column > 0 ? ` at column ${column}` : '';
    const caret = column > 0 ? `\n  ${formula}\n  ${' '.repeat(column - 1)}^` : `\n  ${formula}`;
    super(`${field}: ${problem}${where}${caret}`);
    this.name = 'FormulaError';
    this.field = field;
    this.formula = formula;
    this.column = column;
  }
}
