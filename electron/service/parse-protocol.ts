/** Messages between the parse pool (parse-pool.ts) and its workers (parse-worker.ts). */
import type { ErrorCode } from '../../shared/api/result';
import type { ParsedDocument } from '../importers/types';

export interface ParseRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
}

export type ParseReply =
  | { type: 'ready' }
  | { type: 'parsed'; id: number; ok: true; doc: ParsedDocument }
  | { type: 'parsed'; id: number; ok: false; error: { code: ErrorCode | null; message: string } };
