// expect count_down: Yes
// expect wait_for: DontKnow
// truth wait_for: No  (under the assumption, ready may return 0 at every call)
// 'next_step' and 'ready' are declared but not defined. Following SV-COMP's convention, each call returns (an
// assumption the answer states) with any value of its type. count_down terminates whatever next_step returns, since
// the loop ranks on n alone; wait_for depends on what ready returns.

extern int next_step(int n);
extern _Bool ready(void);

int count_down(int n) {
  while (n > 0) {
    int ignored = next_step(n);
    n = n - 1;
  }
  return n;
}

void wait_for(void) {
  while (!ready()) {
  }
}
