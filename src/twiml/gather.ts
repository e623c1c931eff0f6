import { SpokenNode } from "./spoken-node.js";

/** `<Gather>`: collects digits or speech; the `say`, `play` and `pause` it nests run while it listens. */
export class Gather extends SpokenNode {}
