import { defaultRetrieveOptions } from './retrieve.js';

export interface AnswerSettings {
  topK: number;
  scoreFloor: number;
  vectorScoreFloor: number;
  /** Passages shown to the model or mined for extractive quotes. */
  contextPassages: number;
  maxOutputTokens: number;
  llmTimeoutMs: number;
  llmFirstTokenTimeoutMs: number;
  /** Time allowed for the short call that resolves and translates the question before retrieval. */
  questionResolutionTimeoutMs: number;
}

/** The engine's defaults; src/config.ts uses them as the environment's defaults too. */
export const defaultAnswerSettings: AnswerSettings = {
  ...defaultRetrieveOptions,
  contextPassages: 6,
  maxOutputTokens: 800,
  llmTimeoutMs: 60_000,
  llmFirstTokenTimeoutMs: 20_000,
  questionResolutionTimeoutMs: 1_500,
};
