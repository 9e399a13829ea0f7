interface Choice<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

interface Props<V extends string> {
  name: string;
  legend: string;
  choices: readonly Choice<V>[];
  value: V;
  onChange: (value: V) => void;
}

// Radio buttons in a fieldset: the legend is read with each option, hints via aria-describedby.
export function ChoiceGroup<V extends string>({ name, legend, choices, value, onChange }: Props<V>) {
  return (
    <fieldset class="choice-group">
      <legend class="choice-group__legend">{legend}</legend>
      {choices.map((choice) => {
        const id = `${name}-${choice.value}`;
        return (
          <div key={choice.value} class="choice">
            <input
              id={id}
              type="radio"
              name={name}
              value={choice.value}
              class="choice__input"
              checked={value === choice.value}
              aria-describedby={choice.hint !== undefined ? `${id}-hint` : undefined}
              onChange={() => onChange(choice.value)}
            />
            <label for={id} class="choice__label">
              {choice.label}
            </label>
            {choice.hint !== undefined && (
              <p id={`${id}-hint`} class="choice__hint">
                {choice.hint}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
