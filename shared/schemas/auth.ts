/** Input schemas for logging in and account set-up. */
import { z } from "zod";
import "./messages";

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().email("Vul een geldig e-mailadres in.").max(254),
  password: z.string().min(1, "Vul uw wachtwoord in.").max(1024),
});
export type LoginInput = z.infer<typeof loginInput>;

export const secondFactorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "De code bestaat uit 6 cijfers."),
});
