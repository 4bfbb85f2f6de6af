export function buildModule(wat: string): Promise<Buffer>;
export function buildComponent(opts: { wat: string; wit: string; world: string }): Promise<Buffer>;
export function buildHello(): Promise<Buffer>;
