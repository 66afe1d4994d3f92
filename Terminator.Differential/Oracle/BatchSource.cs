using System.Globalization;
using System.Text;
using Terminator.Differential.Generation;

namespace Terminator.Differential.Oracle;

/// <summary>
/// The C file of one batch: a small driver and the instrumented copies of the batch's functions. The driver is run as
/// <c>batch &lt;position&gt; &lt;step cap&gt; &lt;unsequenced lines&gt; &lt;seconds&gt;</c> and reads one input per line
/// on standard input (the arguments in decimal, separated by spaces). It runs each input in a child process and prints
/// one line per input: <c>return v</c>, <c>ub line</c> (a sanitizer trap, or SIGFPE, while that line ran),
/// <c>unsequenced line</c> (the run reached a line with an unsequenced modification), <c>cycle head</c> (a loop head
/// saw the same full state twice: the run never ends), <c>cap</c> (more loop-head visits than the cap), <c>timeout</c>
/// or <c>crash signal</c>. Repeated states are found with Brent's algorithm, in constant memory.
/// </summary>
internal static class BatchSource
{
    /// <summary>The most lines a case may have (the unsequenced-line table is indexed by line).</summary>
    public const int MaxLines = 4096;

    /// <summary>The most variables of a case (the saved state of Brent's algorithm).</summary>
    public const int MaxState = 64;

    /// <summary>The most parameters of a case.</summary>
    public const int MaxArguments = 16;

    private const string Runtime = """
        #define _GNU_SOURCE
        #include <signal.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <sys/mman.h>
        #include <sys/wait.h>
        #include <unistd.h>

        enum { DH_NONE, DH_RETURN, DH_CYCLE, DH_CAP, DH_UNSEQUENCED };

        /* Shared with the child that runs one input: it survives the child's trap. */
        struct dh_shared { volatile int outcome; volatile int line; volatile long long value; volatile int head; };
        static struct dh_shared *dh_shared;
        static long long dh_cap, dh_steps, dh_power, dh_length;
        static int dh_saved_head;
        static unsigned long long dh_saved[DH_MAX_STATE];
        static unsigned char dh_unsequenced[DH_MAX_LINES];

        /* Before each statement and condition: the line that runs now. */
        static void dh_line(int line) {
          dh_shared->line = line;
          if (line > 0 && line < DH_MAX_LINES && dh_unsequenced[line]) {
            dh_shared->outcome = DH_UNSEQUENCED;
            _exit(0);
          }
        }

        /* At each loop head, with the full state: counts the visit and looks for a repeated state (Brent). */
        static void dh_head(int head, int size, const unsigned long long *state) {
          if (++dh_steps > dh_cap) {
            dh_shared->outcome = DH_CAP;
            _exit(0);
          }
          if (head == dh_saved_head && memcmp(state, dh_saved, size * sizeof *state) == 0) {
            dh_shared->head = head;
            dh_shared->outcome = DH_CYCLE;
            _exit(0);
          }
          if (++dh_length == dh_power) {
            memcpy(dh_saved, state, size * sizeof *state);
            dh_saved_head = head;
            dh_power *= 2;
            dh_length = 0;
          }
        }

        """;

    private const string Main = """
        int main(int argc, char **argv) {
          if (argc != 5) {
            fprintf(stderr, "usage: %s <position> <step cap> <unsequenced lines|-> <seconds>\n", argv[0]);
            return 2;
          }
          int which = atoi(argv[1]);
          if (which < 0 || which >= (int)(sizeof dh_arity / sizeof dh_arity[0])) {
            fprintf(stderr, "no case %d\n", which);
            return 2;
          }
          dh_cap = atoll(argv[2]);
          for (char *item = strtok(argv[3], ","); item; item = strtok(NULL, ",")) {
            int line = atoi(item);
            if (line > 0 && line < DH_MAX_LINES) dh_unsequenced[line] = 1;
          }
          unsigned seconds = (unsigned)atoi(argv[4]);
          dh_shared = mmap(NULL, sizeof *dh_shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
          if (dh_shared == MAP_FAILED) return 2;
          char buffer[4096];
          while (fgets(buffer, sizeof buffer, stdin)) {
            char *args[DH_MAX_ARGUMENTS];
            int count = 0;
            for (char *token = strtok(buffer, " \t\r\n"); token && count < DH_MAX_ARGUMENTS; token = strtok(NULL, " \t\r\n"))
              args[count++] = token;
            if (count != dh_arity[which]) {
              printf("error %d arguments for %d parameters\n", count, dh_arity[which]);
              fflush(stdout);
              continue;
            }
            dh_shared->outcome = DH_NONE;
            dh_shared->line = 0;
            fflush(stdout);
            pid_t child = fork();
            if (child < 0) return 2;
            if (child == 0) {
              alarm(seconds);
              dh_steps = 0;
              dh_power = 1;
              dh_length = 0;
              dh_saved_head = -1;
              int result = dh_cases[which](args);
              dh_shared->value = result;
              dh_shared->outcome = DH_RETURN;
              _exit(0);
            }
            int status;
            if (waitpid(child, &status, 0) < 0) return 2;
            if (WIFSIGNALED(status)) {
              int signal = WTERMSIG(status);
              if (signal == SIGILL || signal == SIGFPE) printf("ub %d\n", dh_shared->line);
              else if (signal == SIGALRM) printf("timeout\n");
              else printf("crash %d\n", signal);
            } else {
              switch (dh_shared->outcome) {
                case DH_RETURN: printf("return %lld\n", dh_shared->value); break;
                case DH_CYCLE: printf("cycle %d\n", dh_shared->head); break;
                case DH_CAP: printf("cap\n"); break;
                case DH_UNSEQUENCED: printf("unsequenced %d\n", dh_shared->line); break;
                default: printf("crash exit %d\n", WEXITSTATUS(status)); break;
              }
            }
            fflush(stdout);
          }
          return 0;
        }

        """;

    /// <summary>The whole C file for the cases, in order: position <c>i</c> on the driver's command line is <c>cases[i]</c>.</summary>
    public static string Build(IReadOnlyList<GeneratedCase> cases)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#define DH_MAX_LINES {MaxLines}\n");
        text.Append(CultureInfo.InvariantCulture, $"#define DH_MAX_STATE {MaxState}\n");
        text.Append(CultureInfo.InvariantCulture, $"#define DH_MAX_ARGUMENTS {MaxArguments}\n");
        text.Append(Runtime);
        foreach (var testCase in cases)
            AppendCase(text, testCase);
        text.Append("#line 1 \"driver.c\"\n");
        text.Append("static int (*const dh_cases[])(char **) = {\n");
        foreach (var testCase in cases)
            text.Append(CultureInfo.InvariantCulture, $"  run_{testCase.CompiledName},\n");
        text.Append("};\nstatic const int dh_arity[] = {\n");
        foreach (var testCase in cases)
            text.Append(CultureInfo.InvariantCulture, $"  {testCase.Function.Parameters.Count},\n");
        text.Append("};\n\n").Append(Main);
        return text.ToString();
    }

    private static void AppendCase(StringBuilder text, GeneratedCase testCase)
    {
        var rendered = testCase.Rendered;
        if (rendered.FirstLine + rendered.Instrumented.Count >= MaxLines || testCase.Function.Variables.Count() > MaxState
            || testCase.Function.Parameters.Count > MaxArguments)
        {
            throw new ArgumentException($"case {testCase.Index} is larger than the driver allows", nameof(testCase));
        }

        // Each line carries its number in the analyzed text, so that a trap and a diagnostic name that line.
        for (var i = 0; i < rendered.Instrumented.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"#line {rendered.FirstLine + i} \"{testCase.LineFileName}\"\n");
            text.Append(rendered.Instrumented[i]).Append('\n');
        }

        var arguments = testCase.Function.Parameters.Select((p, i) => p.Type.IsSigned()
            ? $"({p.Type.Name()})strtoll(args[{i}], 0, 10)"
            : $"({p.Type.Name()})strtoull(args[{i}], 0, 10)");
        text.Append(CultureInfo.InvariantCulture,
            $"static int run_{testCase.CompiledName}(char **args) {{ return {testCase.CompiledName}({string.Join(", ", arguments)}); }}\n\n");
    }
}
