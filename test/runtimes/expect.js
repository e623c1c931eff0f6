// Tiny assertions for the scenario: runtime-neutral (no node:assert), with messages that say what
// was expected, since they end up as the matrix's failure line.

export const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

export const show = (value) =>
  value instanceof Date ? value.toISOString() : JSON.stringify(value);

export const expectEqual = (actual, expected, what) =>
  expect(show(actual) === show(expected), `${what} is ${show(actual)}, expected ${show(expected)}`);

export const rejection = async (promise) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("resolved, expected a rejection");
};

export const describe = (error) =>
  error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${String(error)}`;

export const expectError = (error, Class, what) =>
  expect(error instanceof Class, `${what}: got ${describe(error)}, expected ${Class.name}`);
