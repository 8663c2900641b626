import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * zxcvbn-ts with its dictionaries, loaded on first use only: the dictionaries weigh
 * hundreds of kB, so the browser fetches them after first paint and only on pages with a meter.
 */
let factory: Promise<ZxcvbnFactory> | undefined;

function loadFactory(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return factory;
}

export type StrengthResult = {
  /** zxcvbn score, 0 (too guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  /** The password is (nearly all) one entry of the common-passwords list. */
  common: boolean;
};

export async function estimateStrength(password: string, userInputs: string[]): Promise<StrengthResult> {
  const zxcvbn = await loadFactory();
  const result = zxcvbn.check(password.slice(0, 128), userInputs);
  const common = result.sequence.some(
    (m) =>
      m.pattern === "dictionary" &&
      String((m as { dictionaryName?: string }).dictionaryName).startsWith("passwords") &&
      m.token.length >= password.length - 3,
  );
  return { score: result.score as StrengthResult["score"], common };
}

/** Starts loading the dictionaries without waiting (the meter calls it after first paint). */
export function preloadStrengthEstimator(): void {
  void loadFactory();
}
