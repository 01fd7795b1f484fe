# Thin wrapper around CMake. `make demo` and `make test` are the two commands.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)
DEMO ?= scenarios/cloned-image-ping-pong.json

.PHONY: all deps configure build demo test test-sanitize golden-refresh bench bench-size bench-compare fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Only what the demo needs: the build packages and the calsim executable (no
# test, benchmark or test tool), so a fresh clone shows its first picture soon.
demo:
	@CALSIM_DEPS=build bash scripts/install-deps.sh
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target calsim
	@$(BUILD)/sim/cli/calsim run $(DEMO) -o out/demo --replace  # out/demo is the demo's own folder
	@echo "report: $(abspath out/demo/report.html)"

# ctest runs the catalog's expectations too (test catalog_expectations).
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Rewrites tests/golden from this build's outputs: only when a change of the
# outputs is meant (review `git diff tests/golden`, then commit it).
golden-refresh: configure
	@cmake --build $(BUILD) -j $(JOBS) --target calsim
	@python3 scripts/golden.py --calsim $(BUILD)/sim/cli/calsim --refresh

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, then every test.
test-sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCALSIM_SANITIZE=ON -DCALSIM_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/bench/calsim_bench

# calsim size against one calsim run of the README's worked example, side by side (issue 14).
bench-size: build
	@$(BUILD)/bench/calsim_bench --benchmark_filter=BM_SizeVersusRun

# calsim against the plain-Python reference model (bench/reference/) on one
# generated estate: throughputs, ratios and the agreement of the lifecycle counts.
# Also the model alone at 100,000 clients and a 1,000,000-client year (MILLION=0: without it).
CLIENTS ?= 10000
MILLION ?= 1
bench-compare: build
	@python3 scripts/bench-compare.py --calsim $(BUILD)/sim/cli/calsim --make-estate $(BUILD)/bench/calsim_make_estate \
	  --bench $(BUILD)/bench/calsim_bench $(if $(filter 1,$(MILLION)),--million) --clients $(CLIENTS) --days 365 --repeat 3 \
	  $(if $(WORK),--work $(WORK))

# libFuzzer on the scenario loader (clang). New inputs go to $(FUZZ_BUILD)/corpus,
# findings to $(FUZZ_BUILD)/artifacts/; tests/fuzz/corpus is the seed corpus (read
# only). A finding is fixed, and its input added to tests/regressions/.
fuzz:
	@CALSIM_DEPS_EXTRA=fuzz bash scripts/install-deps.sh
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCALSIM_BUILD_FUZZ=ON -DCALSIM_BUILD_TESTS=OFF -DCALSIM_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_loader
	@mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/artifacts
	@$(FUZZ_BUILD)/tests/fuzz/fuzz_loader -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/scenario.dict \
	  -artifact_prefix=$(FUZZ_BUILD)/artifacts/ -print_final_stats=1 $(FUZZ_BUILD)/corpus tests/fuzz/corpus

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
