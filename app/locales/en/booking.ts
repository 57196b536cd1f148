import type { Translation } from "../types";
import type zh from "../zh-CN/booking";

export default {
	errors: {
		coachNotFound: "Coach not found, or not taking bookings",
		notFound: "Booking not found",
		startsAt: "Choose a valid lesson time",
		past: "That time has passed; choose another",
		notAFreeTime: "The coach is not available then; choose one of the free times",
		slotTaken: "Someone just booked that time; choose one of the suggested times instead",
		paused: "This coach has paused bookings for now",
		ownCoach: "You cannot book your own lessons",
		offering: "Choose one of this coach's lessons",
		place: "Choose one of this coach's places",
		notOnline: "This lesson is not taught online; choose a hall or an address",
		location: "Choose where the lesson takes place",
		addressRequired: "Enter the full address of the lesson",
		periodTooLong: "Free times can be read 62 days at a time",
		reasonRequired: "Give a reason",
		notNow: "This is not possible in the booking's current state",
		coachOnly: "Only the booking's coach can do this",
		tooEarly: "The lesson has not begun yet",
	},
} satisfies Translation<typeof zh>;
