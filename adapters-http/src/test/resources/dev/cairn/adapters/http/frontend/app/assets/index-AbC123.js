console.log("fake app");
