// Linked into nba-precompute only with jemalloc (decision 46), which reads this
// string at start-up (decision 48). thp:always asks the kernel for 2 MB pages
// for the heap: a worker fills about 200 MB of fresh memory (the input tables,
// the engine's views, each unit's rows), and 4 kB page faults were a third of
// its input load and a tenth of its CPU in all. Ranks started over ssh do not
// inherit MALLOC_CONF, so the default lives in the binary; a MALLOC_CONF in the
// environment still overrides it (MALLOC_CONF=thp:default turns this off).
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:auto";
}
