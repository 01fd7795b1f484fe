# Thin wrapper around CMake. `make demo` and `make test` are the two commands.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
DEMO ?= scenarios/cloned-image-ping-pong.json

.PHONY: all deps configure build demo test test-sanitize bench fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(BUILD)/sim/cli/calsim run $(DEMO) -o out/demo
	@echo "report: $(abspath out/demo/report.html)"

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(BUILD)/sim/cli/calsim test scenarios

test-sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCALSIM_SANITIZE=ON -DCALSIM_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	@$(BUILD)/bench/calsim_bench

fuzz:
	@CALSIM_DEPS_EXTRA=fuzz bash scripts/install-deps.sh
	@cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCALSIM_BUILD_FUZZ=ON -DCALSIM_BUILD_TESTS=OFF -DCALSIM_BUILD_BENCH=OFF > /dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzz_loader
	@build-fuzz/tests/fuzz/fuzz_loader -max_total_time=60 tests/fuzz/corpus

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
