export const PACKAGES: Record<string, string>;
export const APT_LINE: string;
export function missingPackages(): string[];
