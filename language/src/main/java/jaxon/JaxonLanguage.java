package jaxon;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;

@TruffleLanguage.Registration(id = JaxonLanguage.ID, name = "Jaxon", defaultMimeType = JaxonLanguage.MIME,
        characterMimeTypes = JaxonLanguage.MIME, fileTypeDetectors = {}, contextPolicy = TruffleLanguage.ContextPolicy.SHARED)
public final class JaxonLanguage extends TruffleLanguage<Object> {
    public static final String ID = "jaxon";
    public static final String MIME = "application/x-jaxon";

    @Override
    protected Object createContext(Env env) { return new Object(); }

    @Override
    protected CallTarget parse(ParsingRequest request) { return null; }
}
