# The fuzz targets, shared by the replay build (tests/fuzz/CMakeLists.txt)
# and the libFuzzer build (tests/fuzz/libfuzzer/): name, harness source,
# compile definitions. Each has its seeds in corpus/<name>/.
set(GOALS_FUZZ_TARGETS load csv period unit)
set(GOALS_FUZZ_load_SOURCE fuzz_load.c)
set(GOALS_FUZZ_csv_SOURCE fuzz_csv.c)
set(GOALS_FUZZ_period_SOURCE fuzz_period.c)
set(GOALS_FUZZ_unit_SOURCE fuzz_unit.c)
