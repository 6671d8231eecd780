// Linked into nba-precompute only in sanitizer builds (-DNBA_SANITIZE=ON).
// Every MPI process exits holding allocations of Open MPI components that were
// dlclose'd at finalize; LeakSanitizer reports them in "<unknown module>"
// frames that no suppression can name. Ranks started over ssh do not inherit
// ASAN_OPTIONS, so the default lives in the binary. ASan's memory checks and
// UBSan stay on; an ASAN_OPTIONS in the environment still overrides this.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
