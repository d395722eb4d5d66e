// BENCHMARKS.md from one run's results: the tables, and the notes with this run's figures in them.
import { machine, QUICK, RUNS } from './context.mjs';
import { NPSP_FILES, PROJECT_SPEC, SHAPED_SPEC, SNAPSHOT_SPEC } from './fullCheck.mjs';
import { mbOf, throughput } from './measure.mjs';
import { DEBOUNCE } from './server.mjs';

const table = (head, align, rows) => [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes) => `${mbOf(bytes).toFixed(0)} MB`;
/** On two cores, a check that spends N times the floor's CPU can at best reach a ratio of 2 / N. */
const atBest = (r) => (r.check.cpu ? ((2 * r.floor.cpu) / r.check.cpu).toFixed(2) : '?');
const cpuBound = (r) =>
  r.check.cpu
    ? `${(r.check.cpu / r.floor.cpu).toFixed(1)}× the floor's CPU, so at best ${atBest(r)} on two free cores`
    : 'CPU not measured';

/** A row of the full-check table. */
function checkRow(name, r) {
  return [
    name,
    String(r.check.files),
    mbOf(r.floor.bytes).toFixed(0),
    `${r.floor.ms.toFixed(0)} ms (${throughput(r.floor.bytes, r.floor.ms).toFixed(0)} MB/s)`,
    `${r.check.ms.toFixed(0)} ms (${throughput(r.floor.bytes, r.check.ms).toFixed(0)} MB/s)`,
    r.ratio.toFixed(2),
    r.check.cpu === undefined ? '?' : `${s(r.floor.cpu)} / ${s(r.check.cpu)}`,
    atBest(r),
    r.check.peak ? mb(r.check.peak) : '?',
  ];
}

export function report(ctx, { parser, full, scaling, server, memory, startup }, seconds) {
  const [last, first] = full.shaped;
  const budgets = table(
    ['budget', 'measured', 'target', ''],
    ['---', '---', '---', '---'],
    ctx.budgets.map((b) => [b.name, b.figure, b.target, b.met ? 'met' : '**missed**']),
  );
  const shapedName = (r) =>
    `${SHAPED_SPEC.profiles} profiles of 2 MB, ${SHAPED_SPEC.permissionSets} permission sets, ${SHAPED_SPEC.dashboards} dashboards (profiles sort ${r.largeFirst ? 'first' : 'last'})`;
  const checks = table(
    [
      'project',
      'files',
      'MB',
      'read-and-scan floor (1 thread)',
      'iulint check (CLI, all cores)',
      'ratio',
      'CPU: floor / check',
      'CPU ratio on 2 cores',
      'peak RSS',
    ],
    ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    [
      ...full.shaped.map((r) => checkRow(shapedName(r), r)),
      checkRow(
        `the same (profiles last), with an org snapshot assigning its permission sets ${SNAPSHOT_SPEC.assignments} times to ${SNAPSHOT_SPEC.users} users (the floor reads the project alone)`,
        full.withSnapshot,
      ),
      checkRow(`generated (${PROJECT_SPEC.profiles} profiles of ${(PROJECT_SPEC.profileBytes / 1048576).toFixed(0)} MB)`, full.project),
      checkRow(`NPSP-shaped (generateNpspShapedProject, ${NPSP_FILES} files)`, full.npsp),
      ...(full.npspReal ? [checkRow('NPSP (../shared/corpus)', full.npspReal)] : []),
      ...(full.corpus
        ? [
            [
              `../shared/corpus (${full.corpus.projects} projects, one check each)`,
              String(full.corpus.files),
              mbOf(full.corpus.bytes).toFixed(0),
              `${full.corpus.floorMs.toFixed(0)} ms`,
              `${full.corpus.checkMs.toFixed(0)} ms`,
              (full.corpus.floorMs / full.corpus.checkMs).toFixed(2),
              '',
              '',
              '',
            ],
          ]
        : []),
    ],
  );
  const scale = table(
    ['files', 'MB', 'check ms', 'check CPU', 'ms per 1,000 files'],
    ['---:', '---:', '---:', '---:', '---:'],
    scaling.map((r) => [
      String(r.files),
      r.mb.toFixed(0),
      r.ms.toFixed(0),
      r.cpu === undefined ? '?' : s(r.cpu),
      ((r.ms / r.files) * 1000).toFixed(0),
    ]),
  );
  const serverRows = table(
    ['figure', 'measured'],
    ['---', '---:'],
    [
      ['edit in a 4 MB profile → new diagnostics, in the server (median of 50)', `${server.editMs.toFixed(1)} ms`],
      ['the new 4 MB text made flat (one copy; its floor, median of 50)', `${server.flattenMs.toFixed(1)} ms`],
      [
        `edit in a 4 MB profile → publishDiagnostics, end to end over stdio, a ranged change (median of 20, debounce ${DEBOUNCE} ms included)`,
        `${server.e2eMs.toFixed(1)} ms`,
      ],
      ['the same, the whole 4 MB text sent with each change (a full-sync client)', `${server.e2eFullMs.toFixed(1)} ms`],
      [`cross-file change → ${server.dependants} dependants re-linted (median of 20)`, `${server.crossMs.toFixed(1)} ms`],
      [
        `server start → first diagnostics for an open file, ${full.generated.files}-file project (median of 3)`,
        `${server.startMs.toFixed(0)} ms`,
      ],
      [`facts of a single ${parser.big.mb.toFixed(0)} MB profile`, `${parser.big.ms.toFixed(0)} ms`],
      ['VS Code extension activation', 'not measured here: see the note'],
    ],
  );
  const { indexed, large } = memory;
  const times = (peak) => (peak ? `${mb(peak)} (${(peak / large.size).toFixed(1)} times the file)` : '?');
  const memoryRows = table(
    ['figure', 'measured'],
    ['---', '---:'],
    [
      [
        `RSS / peak RSS / retained heap after indexing ${indexed.files} files (the generated project)`,
        `${mb(indexed.rss)} / ${mb(indexed.maxRss)} / ${mb(indexed.heapUsed)}`,
      ],
      [
        `peak RSS of iulint check on one ${mb(large.size)} profile (every process: the file is read in a child of its own)`,
        times(large.cli.peak),
      ],
      [
        `peak RSS of the server (in process) opening the same profile and taking an edit`,
        `${times(large.server.maxRss)}; ${mb(large.server.base)} before`,
      ],
      [`peak RSS of iulint check on ${mb(large.size)} of open tags (a hostile file)`, times(large.tags.peak)],
    ],
  );
  const parserRows = table(
    ['what', 'median ms', 'MB/s', 'ratio to the one-pass floor'],
    ['---', '---:', '---:', '---:'],
    parser.rows.map((r) => [r.name, r.ms.toFixed(1), r.mbps.toFixed(0), (r.mbps / parser.floorMbps).toFixed(2)]),
  );
  const tolerance = table(
    ['parser', 'errors on an unescaped `&`', 'first error reported at', 'errors on the file cut in half'],
    ['---', '---:', '---', '---:'],
    parser.tolerance.map((t) => [t.name, String(t.ampErrors), t.ampWhere, String(t.truncErrors)]),
  );
  for (const t of [budgets, checks, scale, serverRows, memoryRows, parserRows]) console.log(`\n${t.join('\n')}`);

  return `# Benchmarks

Written by \`npm run bench\` (\`scripts/bench.mjs\`, its jobs in \`scripts/bench/\`) on ${new Date().toISOString().slice(0, 10)}${QUICK ? ' (BENCH_QUICK: smaller projects)' : ''}, in ${seconds.toFixed(0)} s.
Every figure comes from the same run as its baseline, so read the ratios rather than the absolute times;
benchmarks are not tests (\`npm test\` asserts no time).

Machine: ${machine(ctx)}.

## Budgets

${budgets.join('\n')}

## Full check against the physical floor

The floor reads every file of the project as UTF-8 and passes once over its characters, on one thread, in
the benchmark's process (best of three; the files are listed beforehand). \`iulint check . --format json\`
is the CLI as users run it (a new process started in the project folder, worker threads on every core),
best of three runs; its CPU time and peak RSS (every thread and child process) are GNU time's. The ratio
is floor time / check time. Wall time is what the budgets ask for, and what other sessions' load on the
two shared cores distorts most (see the load average above): the CPU columns are steadier, and "CPU ratio
on 2 cores" (2 × floor CPU / check CPU) is the ratio a check would reach with both cores to itself and its
work perfectly shared.

${checks.join('\n')}

## Scaling

Generated projects with 1 % profiles of 100 KB; check time grows linearly with the number of files:

${scale.join('\n')}

## The language server

${serverRows.join('\n')}

## Memory

A file within \`maxFileSize\` (64 MB by default) must be read whole; these are the peaks it costs.

${memoryRows.join('\n')}

## XML parser choice (${parser.mb.toFixed(0)} MB profile)

A generated profile shaped like a retrieved one (thousands of field, object and class permissions).
Median of ${RUNS} runs.

${parserRows.join('\n')}

Error tolerance on malformed copies of the same profile (an unescaped \`&\` in the middle, and the file cut
in half):

${tolerance.join('\n')}

Why iulint owns its parser: it gives every element's exact offsets (start tag, name, value, end tag),
keeps one error per problem instead of a cascade, reports the first error where it is (saxes reads an
unescaped \`&\` as the start of an entity and reports only at the end of the file), never expands
entities, and recovers from a half-typed tag, a mismatched end tag or a truncated file so the other rules
still run; and building only what the facts read, skipping what they do not read at the speed of a
regular expression, it reads a profile's facts ${(parser.rows[5].ms / parser.rows[3].ms).toFixed(1)} times as fast as saxes merely parses it with
positions (a full tree costs more; only small files get one). htmlparser2 never reports an error and
fast-xml-parser has no text positions, so neither can serve \`xml-syntax\` or ranges.

${startup}
## Notes on the budgets

${notes({ last, first, full, server, memory })}
`;
}

/** The notes, with this run's figures. */
function notes({ last, first, full, server, memory }) {
  return `- Noise: up to eight sessions share the two cores; the load average at the start and end of the run is
  above. Full checks are best of three, and their CPU columns are steadier than wall times.
- Full check, ${mbOf(last.floor.bytes).toFixed(0)} MB project: the check spends ${cpuBound(last)} (profiles first: ${cpuBound(first)}).
  Done for #25 (each step measured with CPU profiles of both threads, and kept only if it paid): an element
  the facts do not read is skipped whole when it is plain text or plain leaves (one sticky regular
  expression; anything else, attributes, comments, references, a mistake, goes through the exact path, and
  a property test holds the two to the same errors); a permission set's field, tab and class permissions
  are built without their children and skipped alike; metadata whose facts read nothing below the root
  (fields, layouts, translations...) builds the root alone; positions reach an offset from the nearest
  mark instead of walking back line by line; open elements take 4 bytes each; a permission set's insertion
  points keep a run of same-named children as one entry (a 42-field set kept 138 objects of positions, now
  about 15: less to build, copy between threads and collect); the files of a folder share its
  classification; the worker threads run a bundle of the core's readers alone (\`dist/worker.cjs\`) and
  start during the walk; no \`stat\` of every file (units of 64 files in path order, a thread giving back
  the rest of a unit once it has read 256 KB: sizes come from the open file); one \`read\` per file; the
  CLI's file system reads synchronously (a walk of thousands of folders costs about half the CPU of
  \`fs/promises\`); each command compiles only its own bundle and loads only the modules it uses (4 of
  Node's internal modules after start instead of 36); V8 waits for a function to be hotter before
  optimizing it (a check is a short run: compiling what turns hot in its first few hundred milliseconds
  cost more CPU than it saved, in every thread; -20 % CPU on the NPSP-shaped project, -5 to -8 % on the
  large ones); facts a worker posts are not detached.
  Then (the second session on #25): a file of 128 KB or more whose facts read top-level elements by name
  alone (a profile, a permission set, metadata read by its root) is decoded in pieces of about 64 KB and
  each run of its plain unread top-level elements of one name becomes one empty element at the same
  lines and columns (\`core/src/facts/compact.ts\`; a property test holds it to the whole file's facts).
  V8 puts a string of over 128 KB in fresh memory of its own, and on this virtual machine filling fresh
  pages costs more than decoding into them (a 2 MB profile: 8 ms to decode whole, most of it page
  faults; the floor pays them too, and its time swung between about 500 and 1,000 ms on the 100 MB
  project from one process to the next during that session). Also: a rule is created only for the
  files it has a visitor for; a worker reads a small file to its end without a \`stat\`; the parser asks
  \`keep\` once for a run of same-named siblings and reads \`<name>\` without its attribute reader; the
  workers are stopped without waiting for them (35 ms of the main thread).
  Then (the third session on #25; paired runs, \`farm-bench --vs\`): the threads take files from a queue
  in shared memory (\`lsp/src/sharedWork.ts\`) instead of units the main thread hands out: the worker was
  idle about a fifth of the time, waiting for a main thread busy reading (0.97 of the wall time); the
  profiles stand at the front of the queue, where the worker takes files, and the rest at the back,
  where the main thread does, so the megabytes of a profile churn in the worker's heap and few facts
  cross (0.94 of the wall time with profiles sorting last, 0.91 with profiles first); a run
  of unread plain top-level elements is matched by one expression, and positions cross a run of empty
  lines at once (the 40 profiles: 250 -> 190 ms on one thread; 0.93 of the wall time); the check exits
  once its output is written (\`process.exit\` after the writes' callbacks: the end took 30 to 45 ms
  after the last line, waiting for heaps to be torn down and the worker to stop; now 13 to 15 ms);
  \`node:crypto\` is no longer loaded at start for \`--fix\`'s temporary names (9 ms of every check).
  What limits it: memory more than computation. On this virtual machine the same extraction costs 2 to
  4 times more CPU in the check than in a process of its own for the work that writes fresh memory
  (decoding, parsing: 121 ms of decoding in the check against 29 ms alone; a regular expression that
  only reads, 47 ms against 49): the main thread keeps every file's facts, they survive its scavenges and
  grew its young generation to 16 MB, whose churn then missed the caches. \`node --max-semi-space-size=1\`
  cut the check's wall time by 15 to 17 % (26,000 page faults -> 17,000, peak RSS 130 -> 95 MB), and
  the check now gets most of that from inside: \`--semi-space-growth-factor=1\` (\`lsp/src/shortRun.ts\`)
  stops the young generation from growing (it ends at 1 to 2 MB a semi-space, against 1 MB with the
  command-line flag). Earlier sessions found it "changed nothing": V8 raises a growth factor below 2 to
  2 whenever a heap is made, a worker thread's included, so the worker's start undid it; each worker of
  a check now sets it again as it starts, and the main thread while they start (paired, n = 12: 0.88
  of the wall time and of the CPU on this project, 0.86 on the NPSP-shaped one, 0.98 with the snapshot
  of 20,000 assignments, 1.00 on a one-file project; 0.87 on Node 22). Two threads on these two cores give little for such work: one thread alone takes the same
  wall time (1.02) with 25 % less CPU; in the check, one thread reads for about 610 ms and two for about
  545 (the worker's first facts come about 100 ms after the walk). In a plain script of the same reads,
  two threads each reading half the files and keeping their facts take 0.9 to 1.1 of the time one
  thread takes for all of them, 0.75 to 0.85 without keeping them, while two processes each reading all
  of them take 1.2 to 1.3 of it: keeping the facts (their garbage collection) is what the second
  thread loses to. Keeping them serialized off the heap instead cost more than it saved. Also the permission sets (3,000 files of 7 KB: each of their
  top-level elements is built for the insertion points of fixes), the start of a new process (Node
  itself about 95 ms, of which about 45 ms is this environment's \`NODE_EXTRA_CA_CERTS\`: see Start-up;
  the CLI's bundle 25 ms) and of its worker (the worker is ready about 130 ms after the main thread
  starts reading), and the org model and rules after the reads (about 110 ms, code that runs cold).
  Done in the fourth session: what the main thread keeps costs in proportion to its size (keeping the
  facts of the 4,000 small files, 7.9 MB, added about 170 ms to reading them on one thread, against
  keeping nothing; about 20 ms a megabyte): a permission set's insertion points are now a string and a
  list of numbers (7.9 -> 6.1 MB); the org model copies permissions field by field instead of spreading
  objects of many shapes (its build, once warm, 10 -> 1-4 ms); re2js, a third of the CLI's bundle, is
  loaded only by a pattern that needs it, and iulint's own \`.forceignore\` defaults no longer do (15 to
  20 ms of every check). Paired runs: 0.98 of the wall time on this project, 0.95 on a small one.
  With an org snapshot (the row above), each permission set's rules scanned every assignment of the
  snapshot: 7.2 s before that session, now about 1.3 s.
  Done in the fifth session: the young generation kept small (above: 0.88 of the wall time
  and of the CPU, paired, n = 12; peak RSS 108 -> 88 MB). Tried and not kept: a V8 code cache of the
  CLI's bundle made after a check and loaded with \`vm.Script\` (0.98 of the wall time here, 0.975 on the
  NPSP-shaped project, 0.96 on a one-file project: too little for a cache that must match the V8
  version and flags of the process that reads it).
- The ${mbOf(full.project.floor.bytes).toFixed(0)} MB project: the same; the check spends ${cpuBound(full.project)}.
- NPSP-shaped project (${full.npsp.check.files} files of a few hundred bytes): the check spends ${cpuBound(full.npsp)}.
  Per file, the cost is the work of a cold process: each thread compiles and warms up the same code
  (the functions run a few thousand times each, mostly before V8 optimizes them), and the walk, the
  ignore matching and the rules run on the main thread before and after the shared extraction; a
  worker posting its facts and the main thread taking them in cost about as much as reading them (one
  thread alone spends 10 % less CPU but takes 15 % longer). Done in the second session: the ignore
  matching keeps the \`ignore\` package's rules and answers but checks the text each rule's paths must
  hold before running it, and keeps folders' answers only (\`core/src/config/fastIgnore.ts\`: 9,000 paths
  130 -> 55 ms, most of the rest being V8's interning of every path the package cached); a rule runs
  only on files it has a visitor for (most files are plain metadata: 2 rules of 16).
  Measured in the fifth session, with the young generation kept small (0.86 of the wall time), in a
  check of it (times from the process's start): Node and the CLI's bundle until the settings are read,
  about 140 ms; the walk, 45 ms; choosing the files (\`Workspace.wants\`: the kind of each path and
  the ignore matching), about 60 ms, most of it code running cold (the kinds of the same 9,000 paths
  take 40 ms cold and 6 ms once warm); the extraction on both threads, 255 ms; the rules, 40 ms. Before
  the extraction starts, about 250 ms have passed, more than the floor takes for everything.
- Edit in a 4 MB profile: ${server.editMs.toFixed(1)} ms in the server, ${server.e2eMs.toFixed(1)} ms end to end; the edit is found by
  comparing the new text with the last one, and only the top-level element it falls in is parsed again
  (\`core/src/facts/incremental.ts\`); what is left is making the new text flat (${server.flattenMs.toFixed(1)} ms, measured
  above: an edit cannot be cheaper in JavaScript), the org model and the rules. From one process to
  the next this figure is either about 15-16 ms or about 20-21 ms (paired runs of the same edit, the
  code before and after the second session on #25 alike: six runs each, 15.4-21.5 ms and 15.6-20.8 ms);
  most of it is comparing the new text with the last one, which depends on where V8 put the strings.
- Memory: a file of 16 MB or more is read alone in a child process, so a file that needs more memory than
  Node may take is skipped with a message; its peak is that child's. A large profile is decoded in
  pieces (\`facts/compact.ts\`), so it never needs a string as long as itself. Indexing without the CLI's
  readers (the language server) reads 4 files at once, each holding its bytes until its facts are read
  (16 at once peaked at 283 to 293 MB on the generated project). ${mbOf(memory.large.size).toFixed(0)} MB of open tags took 1.4 GB before
  #25 (three arrays of the open elements' names and elements), and an end tag that closed none of them
  was searched for down all of them (quadratic).
- Tried and not kept (measured by hand while working on #25, on the loaded machine, CPU time): turning
  V8's optimizing compiler off (\`--no-turbofan\`): -20 % CPU on the NPSP-shaped project but +9 to +45 %
  on large profiles and permission sets, so it waits instead (above); an ASCII
  fast path for decoding (Node's \`isAscii\` and a Latin-1 copy through a decoder handed to the core) was
  slower in a new process over 8,274 small files (112 to 121 ms against 77 to 92 ms with TextDecoder, four
  runs each), and for files of a megabyte or more Node makes external strings, which raised the 100 MB
  project's peak RSS from 164 to 212-221 MB with no CPU gain; Node's compile cache
  (\`module.enableCompileCache\`, Node 22.23: twenty \`iulint --version\` took 2.93 and 2.91 s of CPU with it,
  3.32 and 2.92 s without; ten checks of the catalogue 2.35 and 2.26 s against 2.26 and 2.38 s: no gain,
  since V8 compiles our functions lazily, after the cache is written; Node 20, which the bench runs, has
  none); a table of line starts grown as far as asked instead of the cursor (six times slower on a 2 MB
  profile: V8 takes about 110 ns a push there); other V8 flags (\`--always-sparkplug\`,
  \`--no-lazy-feedback-allocation\`, \`--max-lazy\`, \`--maglev\`, \`--max-semi-space-size=32\`,
  \`--single-threaded-gc\`: within the noise). In the second session, paired runs (\`farm-bench --vs\`):
  a worker started by \`dist/iulint.cjs\` before the CLI's bundle loads (0.99 to 1.00 of the wall time
  on the large projects, 1.12 on the sample project); the workers alone reading, the main thread only
  walking and linting, with small young generations (-10 % CPU, +11 % wall time: it waits for two
  workers to start); a smaller young generation for the workers (\`resourceLimits\`: within the noise);
  \`--max-semi-space-size=1\` for the whole process (-9 % wall on the 100 MB project, -15 % on the
  NPSP-shaped one, fewer page faults) cannot be set from inside a process that has started (the main
  heap is sized at start; \`--semi-space-growth-factor\` set at run time seemed to change nothing, but
  only because the worker's start put it back: see above, where it is now kept), and the bench runs
  \`node dist/iulint.cjs\` itself; compacting small permission sets (7 KB: no gain). In the
  third session: the worker started by \`dist/iulint.cjs\` before the CLI loads, again, with the shared
  counter (0.98 of the wall time on the large projects, 1.09 and 40 % more CPU on the sample project);
  batches posted as JSON instead of structured clones (half the cost in a process of its own, within
  the noise in the check); a smaller young generation for the worker (\`resourceLimits\`: the same wall
  time, 10 MB less RSS); two workers with the main thread reading only until both have begun (1.09);
  V8's interrupt budget at 4 and 16 times its default instead of 8 (1.01, 1.04); a V8 code cache of
  the CLI's bundle written by hand after a run (Node 20 has no compile cache): 0.88 of the wall time of
  a check of an empty project once written, but 1.11 on the run that writes it, which in CI is every
  run.
- JSON parser choice (\`core/src/json/parser.ts\`): \`jsonc-parser\` (its \`visit\` scanner building our nodes)
  against the former hand-written parser, medians of 9 interleaved runs on a loaded machine (load
  average 12 to 17 on 2 cores; measured by hand, not by this script). A 5.2 MB tree file (10,000 \`User\`
  records): ours 7.0 to 7.7 MB/s, jsonc-parser 3.2 to 5.0 MB/s (its scanner alone 15 to 19 MB/s;
  \`JSON.parse\` 65 to 94 MB/s, without offsets). A 252-byte user definition: ours 16 to 24 µs,
  jsonc-parser 48 to 67 µs. jsonc-parser is kept: \`sf data import tree\` takes at most 200 records a file
  (tens of KB) and user definitions are tiny, so the difference is milliseconds per project; it recovers
  after an error, so every syntax error of \`iulint.config.json\` is reported.
- Extension activation time needs a desktop VS Code to measure; the code-server test suite shows the
  extension active and diagnosing within its first test (about a second).`;
}
