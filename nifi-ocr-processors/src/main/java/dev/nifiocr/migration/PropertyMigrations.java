package dev.nifiocr.migration;

import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.migration.PropertyConfiguration;

/** Steps of migrateProperties that keep flows saved by earlier versions of this bundle loading and valid. */
public final class PropertyMigrations {

    private PropertyMigrations() {
    }

    /**
     * Earlier builds saved the choice of an enum property as the constant's name (STATIC_KEYS, CONTENT_IMAGE,
     * AES_256_CBC); now the value is the label the list shows. An old name becomes the constant's value; anything else
     * (a current value, a parameter reference) stays as it is.
     */
    public static <E extends Enum<E> & DescribedValue> void enumNameToValue(final PropertyConfiguration config,
                                                                           final PropertyDescriptor property, final Class<E> type) {
        config.getRawPropertyValue(property.getName()).ifPresent(raw -> {
            for (final E constant : type.getEnumConstants()) {
                if (constant.name().equals(raw) && !constant.getValue().equals(raw)) {
                    config.setProperty(property.getName(), constant.getValue());
                    return;
                }
            }
        });
    }

    /**
     * A switch added in front of properties that used to be always shown: on for a flow saved before it existed that
     * sets any of them. A flow saved with the switch keeps its value, even off with values left behind it.
     */
    public static void switchOnWhenAnySet(final PropertyConfiguration config, final PropertyDescriptor switchProperty,
                                          final PropertyDescriptor... guarded) {
        if (config.getRawPropertyValue(switchProperty.getName()).isPresent()) {
            return;
        }
        for (final PropertyDescriptor property : guarded) {
            if (config.getRawPropertyValue(property.getName()).isPresent()) {
                config.setProperty(switchProperty.getName(), "true");
                return;
            }
        }
    }
}
