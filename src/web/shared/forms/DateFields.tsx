// Date and date-and-time fields typed in the order of the interface language (not the browser's, as <input type="date">
// is), with a calendar in that language (Mantine's DateInput), their values the forms' own: "YYYY-MM-DD" for a day,
// "YYYY-MM-DDTHH:mm" for a wall-clock time whose zone the field's description names.
import { DateInput, DatesProvider, type DateInputProps } from "@mantine/dates";
import "dayjs/locale/ru";
import "dayjs/locale/zh-cn";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { resolveUiLanguage } from "../../i18n/language";
import { useLocale } from "../../i18n/use-locale";
import { datePattern, dateTimePattern, dayjsLocale, fromPickerDateTime, readTypedDate, readTypedDateTime, toPickerDateTime } from "./date-fields";

/** The calendars of every date field follow the interface language (month and weekday names, the first day of the week). */
export function InterfaceDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = resolveUiLanguage(i18n.resolvedLanguage ?? i18n.language);
  return <DatesProvider settings={{ locale: dayjsLocale(language), firstDayOfWeek: language === "en" ? 0 : 1 }}>{children}</DatesProvider>;
}

type FieldProps = Omit<DateInputProps, "value" | "onChange" | "valueFormat" | "dateParser" | "withTime"> & {
  /** "" (or absent) when empty. */
  readonly value?: string;
  readonly onChange: (value: string) => void;
  readonly "data-testid"?: string;
};

/** How the pattern reads to a person: the letters of each language for year, month, day, hour and minute. */
function usePatternHint(pattern: string): string {
  const { t } = useTranslation();
  return pattern
    .replace("YYYY", t("forms.dateParts.year"))
    .replace("MM", t("forms.dateParts.month"))
    .replace("DD", t("forms.dateParts.day"))
    .replace("HH", t("forms.dateParts.hours"))
    .replace("mm", t("forms.dateParts.minutes"))
    .replace(/\[([^\]]*)\]/g, "$1");
}

/** A day, typed in the interface language's order or picked in the calendar; "" when empty. */
export function DateField({ value = "", onChange, ...props }: FieldProps) {
  const { language } = useLocale();
  const pattern = datePattern(language);
  const hint = usePatternHint(pattern);
  return (
    <DateInput
      {...props}
      value={value === "" ? null : value}
      onChange={(next) => onChange(next ?? "")}
      valueFormat={pattern}
      dateParser={(text) => readTypedDate(text, pattern)}
      placeholder={props.placeholder ?? hint}
      clearable={props.clearable ?? true}
    />
  );
}

/** A date and a time (24-hour clock), typed in the interface language's order or its day picked in the calendar. */
export function DateTimeField({ value = "", onChange, ...props }: FieldProps) {
  const { language } = useLocale();
  const pattern = dateTimePattern(language);
  const hint = usePatternHint(pattern);
  return (
    <DateInput
      {...props}
      withTime
      value={toPickerDateTime(value)}
      onChange={(next) => onChange(fromPickerDateTime(next, value))}
      valueFormat={pattern}
      dateParser={(text) => readTypedDateTime(text, pattern)}
      placeholder={props.placeholder ?? hint}
    />
  );
}
