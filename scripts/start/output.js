// Which of wrangler's lines `npm start` shows: the worker's own JSON log lines and anything
// unexpected, but not the bindings table (every value hidden), its "Starting local server" line
// (npm start has just said so) nor a second line per request.

const REQUEST_LINE = /^\[wrangler:info\] (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \//;

/**
 * A filter for wrangler's output, line by line: returns the lines worth showing.
 * @returns {(line: string) => boolean}
 */
export const createOutputFilter = () => {
  let inBindings = false;
  return (line) => {
    if (line.trim() === "" || line.startsWith("Using secrets defined in")) return false;
    if (line.startsWith("Your Worker has access to the following bindings")) inBindings = true;
    if (line.includes("Starting local server")) {
      inBindings = false;
      return false;
    }
    return !inBindings && !REQUEST_LINE.test(line);
  };
};
