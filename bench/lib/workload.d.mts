export interface Want { key: string; secretId: string; jsonKey?: string; versionStage?: string }
export interface Scenario { id: string; title: string; wants: Want[] }
export function scenarios(ns: number[]): Scenario[];
export function distinctSecrets(wants: Want[]): Array<{ secretId: string; versionStage?: string }>;
export function expectedSecretrefCalls(wants: Want[]): { BatchGetSecretValue: number; GetSecretValue: number };
export function expectedValue(want: Want): string;
export function referenceText(want: Want): string;
