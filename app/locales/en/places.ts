import type { Translation } from "../types";
import type zh from "../zh-CN/places";

/** Places: coaches (and later venues) find their place by name or address instead of typing coordinates. */
export default {
	search: {
		label: "Search for a place",
		placeholder: "A hall's name or a street, e.g. Xingpai Xuhui",
		submit: "Search",
		searching: "Searching…",
		results: "Results",
		districts: "Choose a district",
		pick: "Choose",
		none: "Nothing found for “{{query}}”. Try another name or add the street.",
		cityFirst: "Choose and save your city above first, then search for halls in it.",
		pickHint: "The name and address of your choice fill the form below; you can still edit the address.",
		picked: "Location: {{name}}",
		notPicked: "No location chosen: distances are measured from the city centre.",
		clear: "Don't use this location",
	},
	centre: {
		label: "Centre of your service area",
		hint: "Players find you by their distance from this point; without one the city centre is used.",
		cityCentre: "City centre",
		saved: "The location saved now",
		places: "My halls",
		districts: "Districts",
	},
	notice: {
		unavailable: "Place search is unavailable right now. Choose a district below for now and search for your hall later.",
		noDistricts:
			"There is no district list for this city yet: enter the address, and distances are measured from the city centre.",
	},
	errors: {
		queryTooLong: "Search terms can be at most 60 characters",
		cityUnknown: "Choose a city from the list",
		cityRequired: "Choose a city first",
		centreUnknown: "Choose the centre of your service area from the list",
	},
} satisfies Translation<typeof zh>;
