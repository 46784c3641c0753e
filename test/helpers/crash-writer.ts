/**
 * The writer that the crash test kills with SIGKILL at random moments.
 * Usage: node crash-writer.mjs DIR SEED   (or from a V8 startup snapshot of its CommonJS bundle:
 * node --snapshot-blob crash-writer.blob DIR SEED, which skips module loading: see store-bundle.ts)
 *
 * Creates the notebook in DIR, then two concurrent loops put records (mostly annotations, plus
 * imports of small articles, tags and claims) onto a handful of articles, so that puts to the same
 * shard file queue behind each other. After each put resolves it prints one line:
 *   ack article <id> | ack annotation <articleId> <id> | ack claim <articleId> <id> | ack tag <id>
 * Writes to a pipe are synchronous on Linux and macOS, so a printed ack was acknowledged before death.
 */
import { startupSnapshot } from 'node:v8';
import { NotebookStore } from '../../electron/store/notebook-store';
import { makeAnnotation, makeArticle, makeClaim, makeTag } from './store-fixtures';

async function main([dir, seedArg]: string[]): Promise<void> {
  if (!dir) {
    process.stderr.write('usage: crash-writer DIR SEED\n');
    process.exit(2);
  }

  // mulberry32: a small seeded generator, so a failing trial can be replayed from its seed.
  let seed = Number(seedArg ?? 1) >>> 0;
  function random(): number {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  const ack = (line: string): void => {
    process.stdout.write(`ack ${line}\n`);
  };

  const store = await NotebookStore.create(dir, { name: 'crash test' });
  const articles: string[] = [];
  let counter = 0;
  const nextId = (prefix: string): string => `${prefix}${process.pid}x${counter++}`;

  async function importArticle(): Promise<void> {
    const id = nextId('art');
    await store.addArticles([makeArticle(id, `Body of ${id}. `.repeat(1 + Math.floor(random() * 40)))]);
    articles.push(id);
    ack(`article ${id}`);
  }

  await importArticle();

  async function loop(): Promise<never> {
    for (;;) {
      const r = random();
      // Only the few newest articles get records, so the loops often hit the same shard.
      const articleId = articles[Math.max(0, articles.length - 1 - Math.floor(random() * 3))]!;
      if (r < 0.1) {
        await importArticle();
      } else if (r < 0.2) {
        const id = nextId('tag');
        await store.putTag(makeTag(id));
        ack(`tag ${id}`);
      } else if (r < 0.3) {
        const id = nextId('clm');
        await store.putClaim(makeClaim(articleId, id));
        ack(`claim ${articleId} ${id}`);
      } else {
        const id = nextId('ann');
        await store.putAnnotation(makeAnnotation(articleId, id));
        ack(`annotation ${articleId} ${id}`);
      }
    }
  }

  await Promise.all([loop(), loop()]);
}

// In a snapshot build, main runs when the snapshot starts (argv then holds no script path).
if (startupSnapshot.isBuildingSnapshot()) {
  startupSnapshot.setDeserializeMainFunction(() => void main(process.argv.slice(1)));
} else {
  void main(process.argv.slice(2));
}
