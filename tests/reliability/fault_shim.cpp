/* A fault-injection shim (C++ with C linkage) for the reliability suite (issue 19), loaded with
 * LD_PRELOAD into a real calsim process. CALSIM_FAULT="CALL:N:ACTION" makes
 * the N-th call (1-based) of CALL fail or kill the process:
 *   CALL    rename | renameat2 | fwrite (to files, not stdout/stderr) | fsync | pthread_create
 *   ACTION  fail      the call fails (ENOSPC for fwrite/fsync, EIO for renames,
 *                     EAGAIN for pthread_create), and every later call too
 *           kill      SIGKILL before the call is made
 *           killafter SIGKILL right after the call succeeded
 * Counting is per process. Without CALSIM_FAULT the shim changes nothing. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <atomic>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern "C" {

enum action { act_none, act_fail, act_kill, act_kill_after };

static enum action decide(const char* call) {
  static std::atomic<long> counts[8];
  static const char* const names[] = {"rename", "renameat2", "fwrite", "fsync", "pthread_create"};
  const char* spec = getenv("CALSIM_FAULT");
  if (!spec) return act_none;
  size_t len = strlen(call);
  if (strncmp(spec, call, len) != 0 || spec[len] != ':') return act_none;
  int slot = 0;
  for (int i = 0; i < 5; ++i)
    if (strcmp(names[i], call) == 0) slot = i;
  long n = counts[slot].fetch_add(1) + 1;
  char* rest = nullptr;
  long at = strtol(spec + len + 1, &rest, 10);
  if (!rest || *rest != ':') return act_none;
  const char* what = rest + 1;
  if (strcmp(what, "fail") == 0) return n >= at ? act_fail : act_none;
  if (n != at) return act_none;
  if (strcmp(what, "kill") == 0) return act_kill;
  if (strcmp(what, "killafter") == 0) return act_kill_after;
  return act_none;
}

static void die(void) { kill(getpid(), SIGKILL); }

int rename(const char* from, const char* to) {
  static int (*real)(const char*, const char*);
  if (!real) real = reinterpret_cast<int (*)(const char*, const char*)>(dlsym(RTLD_NEXT, "rename"));
  enum action a = decide("rename");
  if (a == act_fail) { errno = EIO; return -1; }
  if (a == act_kill) die();
  int rc = real(from, to);
  if (a == act_kill_after) die();
  return rc;
}

int renameat2(int fd1, const char* from, int fd2, const char* to, unsigned flags) {
  static int (*real)(int, const char*, int, const char*, unsigned);
  if (!real) real = reinterpret_cast<int (*)(int, const char*, int, const char*, unsigned)>(dlsym(RTLD_NEXT, "renameat2"));
  enum action a = decide("renameat2");
  if (a == act_fail) { errno = EIO; return -1; }
  if (a == act_kill) die();
  int rc = real(fd1, from, fd2, to, flags);
  if (a == act_kill_after) die();
  return rc;
}

size_t fwrite(const void* p, size_t size, size_t n, FILE* f) {
  static size_t (*real)(const void*, size_t, size_t, FILE*);
  if (!real) real = reinterpret_cast<size_t (*)(const void*, size_t, size_t, FILE*)>(dlsym(RTLD_NEXT, "fwrite"));
  if (fileno(f) <= 2) return real(p, size, n, f);  // the terminal: calsim's own messages get through
  enum action a = decide("fwrite");
  if (a == act_fail) { errno = ENOSPC; return 0; }
  if (a == act_kill) die();
  size_t rc = real(p, size, n, f);
  if (a == act_kill_after) die();
  return rc;
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = reinterpret_cast<int (*)(int)>(dlsym(RTLD_NEXT, "fsync"));
  enum action a = decide("fsync");
  if (a == act_fail) { errno = ENOSPC; return -1; }
  if (a == act_kill) die();
  int rc = real(fd);
  if (a == act_kill_after) die();
  return rc;
}

int pthread_create(pthread_t* t, const pthread_attr_t* attr, void* (*fn)(void*), void* arg) {
  static int (*real)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);
  if (!real) real = reinterpret_cast<int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*)>(dlsym(RTLD_NEXT, "pthread_create"));
  if (decide("pthread_create") == act_fail) return EAGAIN;
  return real(t, attr, fn, arg);
}

}  // extern "C"
