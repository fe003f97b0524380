import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand-700 text-white hover:bg-brand-900 disabled:bg-stone-400',
  secondary: 'border border-brand-700 bg-white text-brand-700 hover:bg-brand-50 disabled:opacity-50',
  ghost: 'text-brand-700 underline underline-offset-2 hover:text-brand-900',
};

/** Large touch targets (48 px) for thumbs on small phones. */
export function Button({ variant = 'primary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex min-h-12 w-full items-center justify-center rounded-lg px-4 text-base font-semibold transition-colors disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
    />
  );
}

export function buttonClasses(variant: Variant = 'primary'): string {
  return `inline-flex min-h-12 w-full items-center justify-center rounded-lg px-4 text-base font-semibold transition-colors ${VARIANTS[variant]}`;
}
