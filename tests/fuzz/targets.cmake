# The fuzz targets, shared by the replay build (tests/fuzz/CMakeLists.txt)
# and the libFuzzer build (tests/fuzz/libfuzzer/): name, harness source,
# compile definitions. Each has its seeds in corpus/<name>/.
set(GOALS_FUZZ_TARGETS load csv period unit)
set(GOALS_FUZZ_load_SOURCE fuzz_load.c)
set(GOALS_FUZZ_csv_SOURCE fuzz_csv.c)
set(GOALS_FUZZ_period_SOURCE fuzz_period.c)
set(GOALS_FUZZ_unit_SOURCE fuzz_unit.c)
# The importers: the same harness with the format forced, so that every
# input reaches their reader (and the native round trip of what they make).
list(APPEND GOALS_FUZZ_TARGETS stratml iati)
set(GOALS_FUZZ_stratml_SOURCE fuzz_load.c)
set(GOALS_FUZZ_stratml_DEFS FUZZ_FORMAT=GOALS_FORMAT_STRATML)
set(GOALS_FUZZ_iati_SOURCE fuzz_load.c)
set(GOALS_FUZZ_iati_DEFS FUZZ_FORMAT=GOALS_FORMAT_IATI)
