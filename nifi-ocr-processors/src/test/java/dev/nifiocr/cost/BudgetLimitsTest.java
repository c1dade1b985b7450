package dev.nifiocr.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BudgetLimitsTest {

    @Test
    void parsesActionBudgets() {
        assertEquals(Map.of("IDCardOCR", 500L, "VatInvoiceVerifyNew", 0L), BudgetLimits.parsePerAction(" IDCardOCR = 500 ,VatInvoiceVerifyNew=0"));
        assertTrue(BudgetLimits.parsePerAction(null).isEmpty());
        assertTrue(BudgetLimits.parsePerAction("  ").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IDCardOCR", "IDCardOCR=", "IDCardOCR=-1", "IDCardOCR=1.5", "idcard=5", "IDCardOCR=1,IDCardOCR=2"})
    void refusesWhatIsNotActionEqualsCalls(final String text) {
        assertThrows(IllegalArgumentException.class, () -> BudgetLimits.parsePerAction(text));
    }
}
