// The guarded handler as a Worker module, for the workerd run.
import { guardedHandler } from "./guarded-handler.js";

export default { fetch: (request: Request) => guardedHandler(request) };
