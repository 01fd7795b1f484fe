#!/bin/sh
# `cmake --install` into a temporary prefix, then examples/consumer built
# against the *installed* package (find_package(calsim CONFIG), calsim::core)
# and run; and the same program built with pkg-config's flags (calsim.pc).
# usage: install_consumer_test.sh BUILD_DIR SOURCE_DIR WORK_DIR [SANITIZE (1: the libraries use ASan+UBSan)]
set -eu
build=$1 source=$2 work=$3 sanitize=${4:-0}
# Libraries built with sanitizers need the consumer linked with them too.
san=""
if [ "$sanitize" = 1 ]; then san="-fsanitize=address,undefined"; fi
rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
for f in include/calsim/run.hpp include/calsim/load.hpp lib/cmake/calsim/calsimConfig.cmake \
         lib/cmake/calsim/calsimConfigVersion.cmake lib/pkgconfig/calsim.pc bin/calsim; do
  [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
# Only the public headers: nothing of sim/ is installed or needed.
if [ -d "$prefix/include/core" ] || [ -d "$prefix/include/model" ]; then echo "FAIL: private headers installed"; exit 1; fi

cmake -S "$source/examples/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" > "$work/configure.log"
cmake --build "$work/consumer" > "$work/build.log"
"$work/consumer/consumer"

# A version the package does not provide is refused.
if cmake -S "$source/examples/consumer" -B "$work/consumer-v9" -DCMAKE_PREFIX_PATH="$prefix" \
     -DCALSIM_CONSUMER_VERSION=9.0 > "$work/configure-v9.log" 2>&1; then
  echo "FAIL: find_package(calsim 9.0) succeeded"; exit 1
fi

# pkg-config: the same program, compiled by hand.
if command -v pkg-config > /dev/null; then
  flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs calsim)
  # shellcheck disable=SC2086
  c++ -O1 $san -o "$work/consumer-pc" "$source/examples/consumer/main.cpp" $flags
  "$work/consumer-pc"
fi
echo "PASS: installed package builds and runs examples/consumer"
