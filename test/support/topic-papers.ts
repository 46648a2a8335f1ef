import type { PaperRecord } from '../../src/papers/model.js'

/**
 * Three topics of 20 papers each, written from a topic's own words, for tests of similarity:
 * papers of one topic are near each other in the catalog's space of meaning, far from the others.
 */
export const TOPICS = {
  diffusion: ['diffusion', 'denoising', 'score', 'sampler', 'image', 'noise', 'generative', 'latent', 'guidance'],
  robots: [
    'robot',
    'grasping',
    'manipulation',
    'policy',
    'reinforcement',
    'reward',
    'gripper',
    'trajectory',
    'sim2real',
  ],
  galaxies: ['galaxy', 'redshift', 'stellar', 'halo', 'telescope', 'luminosity', 'cluster', 'spectra', 'dwarf'],
}
export type Topic = keyof typeof TOPICS
const SHARED_WORDS = ['method', 'results', 'study', 'approach', 'data', 'analysis']

/** Paper `i` (0–19) of a topic: id 2501.00000 + 100 × the topic's index + i. */
export function topicPaper(topic: Topic, i: number): PaperRecord {
  const w = TOPICS[topic]
  const pick = (k: number) => w[(i * 5 + k * 7) % w.length]!
  const id = `2501.${String(Object.keys(TOPICS).indexOf(topic) * 100 + i).padStart(5, '0')}`
  return {
    id,
    title: `${pick(0)} ${pick(1)} for ${pick(2)} ${pick(3)}`,
    abstract:
      `We present a ${SHARED_WORDS[i % 6]} on ${pick(1)} ${pick(4)} and ${pick(5)}. ` +
      `The ${pick(2)} ${pick(6)} ${SHARED_WORDS[(i + 1) % 6]} improves ${pick(7)} ${pick(8)} and ${pick(0)}.`,
    publishedAt: '2025-01-15T00:00:00.000Z',
    categories: ['cs.LG'],
    authors: [`Author ${topic} ${i}`],
  }
}

export const topicOf = (id: string) => Object.keys(TOPICS)[Math.floor(Number(id.slice(5)) / 100)] as Topic

/** All 60 papers, topic by topic. */
export const topicPapers = (): PaperRecord[] =>
  (Object.keys(TOPICS) as Topic[]).flatMap((t) => Array.from({ length: 20 }, (_, i) => topicPaper(t, i)))
