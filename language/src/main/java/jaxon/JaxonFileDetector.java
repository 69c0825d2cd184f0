package jaxon;

import com.oracle.truffle.api.TruffleFile;
import java.nio.charset.Charset;

/** Files ending in .jx are Jaxon sources. */
public final class JaxonFileDetector implements TruffleFile.FileTypeDetector {
    @Override
    public String findMimeType(TruffleFile file) {
        String name = file.getName();
        return name != null && name.endsWith(".jx") ? JaxonLanguage.MIME : null;
    }

    @Override
    public Charset findEncoding(TruffleFile file) {
        return null;
    }
}
