// Subtree reputation: the sum of each user's buckets over a space and all its descendants, as
// `spaceReputationId=<root>&spaceReputationDescendants=true` asks for. Measures the query Confab
// runs (through the `space_closure` table) against the two other usual representations of a
// tree: a recursive CTE over `parent_space_id`, and a materialized path (an array of ancestor
// ids per space). All three must return the same sums.
import { DataSource } from 'typeorm';
import { confabDataSourceOptions } from '../src/database/data-source-options.js';
import { ReputationRepository } from '../src/reputation/reputation.repository.js';
import { SpacesRepository } from '../src/spaces/spaces.repository.js';
import type { Benchmark } from './run.js';
import { createBenchDatabase } from './support/bench-database.js';
import { printTable } from './support/report.js';

interface Scenario {
  label: string;
  spaces: number;
  users: number;
  bucketsPerUser: number;
  iterations: number;
}

const LEVELS = 10;
const QUERIED_USERS = 50;
const TARGET_MS = 5;

const SCENARIOS: Scenario[] = [
  { label: '1,000 spaces, 10,000 buckets', spaces: 1_000, users: 500, bucketsPerUser: 20, iterations: 500 },
  { label: '10x: 10,000 spaces, 100,000 buckets', spaces: 10_000, users: 5_000, bucketsPerUser: 20, iterations: 200 },
];

type SubtreeQuery = (projectId: string, userIds: string[], rootId: string) => Promise<Map<string, number>>;

export const reputationSubtreeBenchmark: Benchmark = {
  name: 'reputation-subtree',
  async run() {
    const rows: Record<string, string | number>[] = [];
    for (const scenario of SCENARIOS) rows.push(...(await runScenario(scenario)));
    printTable(
      `Subtree sum for ${QUERIED_USERS} users at the root of a ${LEVELS}-level tree (ms per call; target < ${TARGET_MS} ms)`,
      rows,
    );
  },
};

async function runScenario(scenario: Scenario): Promise<Record<string, string | number>[]> {
  const database = await createBenchDatabase();
  const dataSource = await new DataSource(confabDataSourceOptions(database.url, { poolSize: 2 })).initialize();
  try {
    const { projectId, rootId, userIds } = await seed(dataSource, scenario);
    const reputation = new ReputationRepository(dataSource);
    const variants: [string, SubtreeQuery][] = [
      ['closure table (Confab)', (p, u, r) => reputation.subtreeValues(p, u, r)],
      ['recursive CTE', (p, u, r) => sums(dataSource, RECURSIVE_CTE, [p, u, r])],
      ['materialized path', (p, u, r) => sums(dataSource, MATERIALIZED_PATH, [p, u, r])],
    ];
    const queried = userIds.slice(0, QUERIED_USERS);
    const results = [];
    let reference: Map<string, number> | null = null;
    for (const [name, query] of variants) {
      const answer = await query(projectId, queried, rootId);
      reference ??= answer;
      if (!sameSums(reference, answer)) throw new Error(`${name} disagrees with the closure table`);
      results.push({ name, ...(await time(() => query(projectId, queried, rootId), scenario.iterations)) });
    }
    const baseline = results[0].mean;
    return results.map((result) => ({
      tree: scenario.label,
      representation: result.name,
      'mean ms': result.mean,
      'p50 ms': result.p50,
      'p95 ms': result.p95,
      'x closure': result.mean / baseline,
    }));
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

/**
 * A tree of `LEVELS` levels: one root, then equal levels whose spaces each pick a parent from the
 * level above (seeded, so every run builds the same shape). Spaces go through the repository, so
 * their closure rows are the ones Confab writes; users and buckets are inserted in bulk.
 */
async function seed(dataSource: DataSource, scenario: Scenario) {
  const random = mulberry32(42);
  const [project]: { id: string }[] = await dataSource.query(
    `INSERT INTO projects (name, jwt_secret) VALUES ('bench', 'x') RETURNING id`,
  );
  const projectId = project.id;
  const userRows: { id: string }[] = await dataSource.query(
    `INSERT INTO users (project_id, foreign_id) SELECT $1, 'user-' || g FROM generate_series(1, $2) g RETURNING id`,
    [projectId, scenario.users],
  );
  const userIds = userRows.map((row) => row.id).sort();

  const spaces = new SpacesRepository(dataSource);
  const spaceIds: string[] = [];
  await spaces.transaction(async (manager) => {
    const levels: { id: string; depth: number }[][] = [];
    const perLevel = Math.ceil((scenario.spaces - 1) / (LEVELS - 1));
    for (let depth = 0; depth < LEVELS; depth++) {
      const count = depth === 0 ? 1 : Math.min(perLevel, scenario.spaces - spaceIds.length);
      const level = [];
      for (let i = 0; i < count; i++) {
        const parent = depth === 0 ? null : levels[depth - 1][Math.floor(random() * levels[depth - 1].length)];
        const space = await spaces.insert(manager, {
          projectId,
          parentSpaceId: parent?.id ?? null,
          depth,
          name: `space ${spaceIds.length}`,
          slug: null,
          description: null,
          readingPermission: 'anyone',
          requireJoinApproval: false,
          createdById: userIds[0],
          metadata: {},
        });
        // Slugs are null here, so nothing can conflict.
        if (!space) throw new Error('a bench space was not inserted');
        spaceIds.push(space.id);
        level.push({ id: space.id, depth });
      }
      levels.push(level);
    }
  });

  const bucketUsers: string[] = [];
  const bucketSpaces: string[] = [];
  const values: number[] = [];
  for (const userId of userIds) {
    const chosen = new Set<string>();
    while (chosen.size < scenario.bucketsPerUser) chosen.add(spaceIds[Math.floor(random() * spaceIds.length)]);
    for (const spaceId of chosen) {
      bucketUsers.push(userId);
      bucketSpaces.push(spaceId);
      values.push(Math.floor(random() * 200) - 50);
    }
  }
  await dataSource.query(
    `INSERT INTO reputation_buckets (project_id, user_id, space_id, value)
     SELECT $1, u, s, v FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS t(u, s, v)`,
    [projectId, bucketUsers, bucketSpaces, values],
  );

  // The alternative representation, built for this measurement only.
  await dataSource.query(`ALTER TABLE spaces ADD COLUMN bench_path uuid[]`);
  await dataSource.query(
    `UPDATE spaces s SET bench_path = (SELECT array_agg(c.ancestor_id ORDER BY c.distance DESC)
       FROM space_closure c WHERE c.descendant_id = s.id)`,
  );
  // The steady state autovacuum leaves behind on these insert-mostly tables: statistics, and
  // pages marked all-visible (which index-only scans rely on).
  await dataSource.query(`VACUUM ANALYZE`);
  return { projectId, rootId: spaceIds[0], userIds };
}

const RECURSIVE_CTE = `
  WITH RECURSIVE subtree (id) AS (
    SELECT id FROM spaces WHERE project_id = $1 AND id = $3
    UNION ALL
    SELECT s.id FROM spaces s JOIN subtree t ON s.parent_space_id = t.id
  )
  SELECT b.user_id AS "userId", sum(b.value) AS value
  FROM reputation_buckets b JOIN subtree t ON t.id = b.space_id
  WHERE b.project_id = $1 AND b.user_id = ANY($2::uuid[])
  GROUP BY b.user_id`;

const MATERIALIZED_PATH = `
  SELECT b.user_id AS "userId", sum(b.value) AS value
  FROM reputation_buckets b JOIN spaces s ON s.id = b.space_id
  WHERE b.project_id = $1 AND b.user_id = ANY($2::uuid[]) AND s.project_id = $1 AND s.bench_path @> ARRAY[$3::uuid]
  GROUP BY b.user_id`;

async function sums(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<Map<string, number>> {
  const rows: { userId: string; value: string }[] = await dataSource.query(sql, parameters);
  return new Map(rows.map((row) => [row.userId, Number(row.value)]));
}

function sameSums(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([id, value]) => b.get(id) === value);
}

async function time(call: () => Promise<unknown>, iterations: number) {
  for (let i = 0; i < Math.min(50, iterations); i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await call();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((x, y) => x - y);
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { mean, p50: at(0.5), p95: at(0.95) };
}

/** A small seeded generator: the same tree and buckets on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
