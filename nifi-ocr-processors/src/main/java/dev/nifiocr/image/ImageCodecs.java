package dev.nifiocr.image;

import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds an ImageIO reader for an input without touching ImageIO's global registry: this bundle's plugins
 * (TwelveMonkeys: CMYK/YCCK JPEG, TIFF, WebP) come from its own class loader first, then the JDK's own readers.
 * Registering plugins globally would leak them, and this NAR's class loader, into every other NAR of the NiFi instance.
 */
final class ImageCodecs {

    private static final List<ImageReaderSpi> READERS = load();

    private ImageCodecs() {
    }

    private static List<ImageReaderSpi> load() {
        // A private registry: TwelveMonkeys' readers find the JDK readers they delegate to on registration, and
        // their ordering puts them before the JDK's (CMYK JPEG), without touching the JVM-wide IIORegistry.
        final ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        final Iterator<ImageReaderSpi> builtIn = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false);
        while (builtIn.hasNext()) {
            final ImageReaderSpi spi = builtIn.next();
            if (spi.getClass().getName().startsWith("com.sun.imageio.")) {
                registry.registerServiceProvider(spi, ImageReaderSpi.class);
            }
        }
        for (final ImageReaderSpi spi : ServiceLoader.load(ImageReaderSpi.class, ImageCodecs.class.getClassLoader())) {
            registry.registerServiceProvider(spi, ImageReaderSpi.class);
        }
        final List<ImageReaderSpi> readers = new ArrayList<>();
        registry.getServiceProviders(ImageReaderSpi.class, true).forEachRemaining(readers::add);
        return List.copyOf(readers);
    }

    /** A reader for the input, positioned at its start, or null when no reader recognises it. */
    static ImageReader readerFor(final ImageInputStream input) throws IOException {
        for (final ImageReaderSpi spi : READERS) {
            input.mark();
            final boolean canDecode;
            try {
                canDecode = spi.canDecodeInput(input);
            } finally {
                input.reset();
            }
            if (canDecode) {
                final ImageReader reader = spi.createReaderInstance();
                reader.setInput(input, true, true);
                return reader;
            }
        }
        return null;
    }
}
