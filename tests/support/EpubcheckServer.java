// Runs EPUBCheck on one EPUB per line of stdin, in one JVM, so that a test file pays for the
// JVM's start and EPUBCheck's schemas once (the first check takes seconds, the next ones a
// fraction of one). For each path it prints what `java -jar epubcheck.jar --quiet PATH` prints
// (stdout, then stderr), then a line `@@EPUBCHECK-END <exit code>`.
// The .class beside it is committed, because CI installs a JRE only (no javac); rebuild it in
// tests/support with `javac --release 11 -cp /usr/share/java/epubcheck.jar EpubcheckServer.java`.
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubcheckServer {
  public static void main(String[] args) throws Exception {
    PrintStream realOut = System.out;
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String file;
    while ((file = in.readLine()) != null) {
      if (file.isEmpty()) continue;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream o = new PrintStream(out, true, "UTF-8");
      PrintStream e = new PrintStream(err, true, "UTF-8");
      System.setOut(o);
      System.setErr(e);
      int code;
      try {
        code = new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {"--quiet", file});
      } catch (Throwable t) {
        t.printStackTrace(e);
        code = 3;
      } finally {
        o.flush();
        e.flush();
        System.setOut(realOut);
        System.setErr(realOut);
      }
      realOut.write(out.toByteArray());
      realOut.println();
      realOut.write(err.toByteArray());
      realOut.println();
      realOut.println("@@EPUBCHECK-END " + code);
      realOut.flush();
    }
  }
}
